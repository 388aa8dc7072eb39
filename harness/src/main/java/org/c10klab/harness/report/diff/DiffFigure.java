package org.c10klab.harness.report.diff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.c10klab.harness.flood.Outcome;
import org.c10klab.harness.result.LatencySummary;
import org.c10klab.harness.result.FloodResult;

/**
 * One headline figure of a flood that {@code c10k diff} compares, under the name {@code --assert} uses.
 *
 * @param name  as {@code --assert} names it, e.g. {@code p99}, {@code errors}, {@code refused}
 * @param label as the table shows it, e.g. {@code request p99 ms}
 * @param value the figure of one result; NaN for a latency nothing was timed for
 */
public record DiffFigure(String name, String label, ToDoubleFunction<FloodResult> value) {

    private static final List<DiffFigure> FIXED = List.of(
            new DiffFigure("rps", "ok requests/s", FloodResult::requestsPerSecond),
            new DiffFigure("p50", "request p50 ms", r -> sampled(r.requestLatency(), LatencySummary::p50Ms)),
            new DiffFigure("p90", "request p90 ms", r -> sampled(r.requestLatency(), LatencySummary::p90Ms)),
            new DiffFigure("p99", "request p99 ms", r -> sampled(r.requestLatency(), LatencySummary::p99Ms)),
            new DiffFigure("max", "request max ms", r -> sampled(r.requestLatency(), LatencySummary::maxMs)),
            new DiffFigure("connect.p99", "connect p99 ms", r -> sampled(r.connectLatency(), LatencySummary::p99Ms)),
            new DiffFigure("connections", "connections made", r -> r.connections().count(Outcome.OK)),
            new DiffFigure("requests", "requests ok", r -> r.requests().count(Outcome.OK)),
            new DiffFigure("errors", "failed connects + requests",
                    r -> r.connections().failures() + r.requests().failures()));

    /**
     * The figures to compare for {@code results}: the fixed ones, then one per failure outcome that any of them saw
     * (connects and requests together), e.g. {@code refused}, {@code error_reply}.
     */
    public static List<DiffFigure> headline(Collection<FloodResult> results) {
        List<DiffFigure> figures = new ArrayList<>(FIXED);
        for (Outcome outcome : Outcome.values()) {
            if (!outcome.isSuccess() && results.stream().anyMatch(r -> count(r, outcome) > 0)) {
                figures.add(outcomeFigure(outcome));
            }
        }
        return figures;
    }

    /** The figure {@code --assert} names {@code name}, whether or not a run saw it. */
    public static Optional<DiffFigure> named(String name) {
        return FIXED.stream().filter(f -> f.name.equals(name)).findFirst()
                .or(() -> Arrays.stream(Outcome.values()).filter(o -> !o.isSuccess() && o.label().equals(name))
                        .findFirst().map(DiffFigure::outcomeFigure));
    }

    /** Every name {@code --assert} takes, for its error message. */
    public static String names() {
        return String.join(" ", FIXED.stream().map(DiffFigure::name).toList()) + " or an outcome (refused, reset, ...)";
    }

    /** A percentile, or NaN when nothing was timed: 0 would read as the fastest run ever. */
    private static double sampled(LatencySummary latency, ToDoubleFunction<LatencySummary> percentile) {
        return latency.count() == 0 ? Double.NaN : percentile.applyAsDouble(latency);
    }

    private static DiffFigure outcomeFigure(Outcome outcome) {
        return new DiffFigure(outcome.label(), outcome.label(), r -> count(r, outcome));
    }

    private static long count(FloodResult result, Outcome outcome) {
        return result.connections().count(outcome) + result.requests().count(outcome);
    }
}
