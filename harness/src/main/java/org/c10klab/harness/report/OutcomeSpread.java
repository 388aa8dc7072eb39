package org.c10klab.harness.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.c10klab.harness.experiment.HandshakeTrial;
import org.c10klab.harness.stats.Spread;

/**
 * How the clients of repeated trials ended, in one line of spreads: {@code served 1, connected 3-10 (median 4),
 * never answered 2-9 (median 3), connect timeouts 0-7 (median 6)}, then resets, refusals and others when any
 * trial had them.
 */
public final class OutcomeSpread {

    private OutcomeSpread() {
    }

    /** The line for {@code trials}, which must not be empty. */
    public static String line(List<HandshakeTrial> trials) {
        List<String> parts = new ArrayList<>(List.of(
                CountSpread.named("served", spread(trials, t -> t.clients().ok())),
                CountSpread.named("connected", spread(trials, HandshakeTrial::connected)),
                CountSpread.named("never answered", spread(trials, t -> t.clients().connectedUnanswered())),
                CountSpread.named("connect timeouts", spread(trials, t -> t.clients().connectTimeout()))));
        addIfAny(parts, "reset", spread(trials, t -> t.clients().reset()));
        addIfAny(parts, "refused", spread(trials, t -> t.clients().refused()));
        addIfAny(parts, "other", spread(trials, t -> t.clients().other()));
        return String.join(", ", parts);
    }

    private static void addIfAny(List<String> parts, String name, Spread spread) {
        if (spread.max() > 0) {
            parts.add(CountSpread.named(name, spread));
        }
    }

    private static Spread spread(List<HandshakeTrial> trials, Function<HandshakeTrial, Long> figure) {
        return Spread.of(trials.stream().map(figure).toList());
    }
}
