package org.c10klab.harness.experiment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.c10klab.harness.record.EnvironmentProbe;
import org.c10klab.harness.report.Threshold;
import org.c10klab.harness.report.Units;
import org.c10klab.harness.result.Rounding;

/**
 * {@code c10k sweep}'s engine: one {@link Comparison} per value of one parameter, in order. Ctrl-C
 * ({@link #stop()}) ends the comparison in progress and skips the values after it.
 */
public final class Sweep {

    private final String parameter;
    private final boolean numeric;
    private final List<SweepStep> steps;
    private final List<Threshold> thresholds;
    private final SweepListener listener;
    private final LiveTargets liveTargets;
    private volatile boolean stopped;
    private volatile Comparison current;

    /**
     * @param parameter the parameter varied, e.g. {@code connections}
     * @param numeric   true when its values are numbers
     * @param steps     one per value, in the order to run them
     * @param liveTargets where each trial's server and flood are published for Prometheus while it runs, or null
     */
    public Sweep(String parameter, boolean numeric, List<SweepStep> steps, List<Threshold> thresholds,
                 SweepListener listener, LiveTargets liveTargets) {
        this.parameter = parameter;
        this.numeric = numeric;
        this.steps = List.copyOf(steps);
        this.thresholds = List.copyOf(thresholds);
        this.listener = listener;
        this.liveTargets = liveTargets;
    }

    /**
     * Runs every value's comparison.
     *
     * @param command the command line that reproduces this sweep, for the reports
     */
    public SweepResult run(String command) throws InterruptedException {
        Instant startedAt = Instant.now();
        long startNanos = System.nanoTime();
        List<SweepCell> cells = new ArrayList<>();
        for (int i = 0; i < steps.size() && !stopped; i++) {
            SweepStep step = steps.get(i);
            listener.step(step, i, steps.size());
            Comparison comparison = new Comparison(step.plan(), thresholds, listener, liveTargets);
            // Published before the flag is read, and stop() sets the flag before it reads this.
            current = comparison;
            if (stopped) {
                comparison.stop();
            }
            cells.add(new SweepCell(step.value(), comparison.run(step.command())));
            current = null;
        }
        double elapsedSeconds = Rounding.thousandths((System.nanoTime() - startNanos) / 1e9);
        boolean partial = stopped || cells.stream().anyMatch(cell -> cell.result().partial());
        return new SweepResult(command, startedAt.toString(), elapsedSeconds, partial, EnvironmentProbe.probe(),
                parameter, numeric, cells, trends(parameter, cells));
    }

    /** Ctrl-C: stops the comparison in progress and skips the values after it. Any thread. */
    public void stop() {
        stopped = true;
        Comparison comparison = current;
        if (comparison != null) {
            comparison.stop();
        }
    }

    /** Per model measured at the first and the last value, how its medians moved between them. */
    static List<String> trends(String parameter, List<SweepCell> cells) {
        if (cells.size() < 2) {
            return List.of();
        }
        SweepCell first = cells.getFirst();
        SweepCell last = cells.getLast();
        List<String> trends = new ArrayList<>();
        for (ModelResult from : first.result().models()) {
            ModelResult to = last.result().models().stream().filter(model -> model.label().equals(from.label()))
                    .findFirst().orElse(null);
            if (to == null || from.counted().isEmpty() || to.counted().isEmpty()) {
                continue;
            }
            boolean repeated = first.result().repeat() > 1 || last.result().repeat() > 1;
            trends.add(from.label() + ", from " + parameter + "=" + first.value() + " to " + parameter + "="
                    + last.value() + (repeated ? " (medians)" : "") + ": requests ok " + answered(from) + " -> "
                    + answered(to) + ", p99 " + latency(from) + " -> " + latency(to) + ", peak OS threads "
                    + threads(from) + " -> " + threads(to) + ".");
        }
        return trends;
    }

    private static String answered(ModelResult model) {
        return Units.whole(model.median(TrialMetric.REQUESTS_OK)) + "/" + Units.whole(model.requestsPlanned());
    }

    private static String latency(ModelResult model) {
        Double p99 = model.median(TrialMetric.REQUEST_P99);
        return p99 == null ? "-" : Units.latency(p99);
    }

    private static String threads(ModelResult model) {
        Double threads = model.median(TrialMetric.PEAK_OS_THREADS);
        return threads == null ? "-" : Units.whole(threads);
    }
}
