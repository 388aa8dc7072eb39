package org.c10klab.harness.run;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.c10klab.harness.report.Units;
import org.c10klab.harness.result.TimelinePoint;
import org.c10klab.harness.stats.Spread;

/**
 * Whether a flood's target looked cold: a JVM server interprets its hot paths at first, so its first second's
 * latency stands far above the rest (on this machine a cold netty's p99 was 508 ms, a warmed one's 142 ms).
 *
 * <p>The rule, over the timeline's interval p99s (intervals with answers only): the highest p99 of the first
 * {@value #EARLY_SECONDS} s is at least {@value #FACTOR} times the median p99 of the later intervals and at least
 * {@value #MARGIN_MS} ms above it, with at least {@value #LATER_INTERVALS} later intervals to take that median
 * from. A run shorter than about two seconds therefore gets no verdict: a burst that is over in a second cannot
 * tell a cold target from its own start.
 */
public final class ColdTarget {

    /** The start that a cold target makes slow. */
    static final double EARLY_SECONDS = 1.0;
    /** How many times the later median the start must reach. */
    static final double FACTOR = 3;
    /** How far above the later median the start must be, so microsecond jitter never counts. */
    static final double MARGIN_MS = 50;
    /** Later intervals with answers needed for their median to mean anything. */
    static final int LATER_INTERVALS = 3;

    private ColdTarget() {
    }

    /** The warning for {@code timeline}, e.g. {@code request p99 412 ms in the first second, 0.81 ms after}. */
    public static Optional<String> evidence(List<TimelinePoint> timeline) {
        List<TimelinePoint> answered = timeline.stream().filter(p -> p.p99Ms() > 0).toList();
        double early = answered.stream().filter(p -> p.elapsedSeconds() <= EARLY_SECONDS)
                .mapToDouble(TimelinePoint::p99Ms).max().orElse(0);
        List<Double> later = answered.stream().filter(p -> p.elapsedSeconds() > EARLY_SECONDS)
                .map(TimelinePoint::p99Ms).toList();
        if (later.size() < LATER_INTERVALS) {
            return Optional.empty();
        }
        double laterMedian = Spread.of(later).median();
        if (early < FACTOR * laterMedian || early - laterMedian < MARGIN_MS) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "request p99 %s in the first second, %s after (median of %d "
                + "intervals)", Units.latency(early), Units.latency(laterMedian), later.size()));
    }
}
