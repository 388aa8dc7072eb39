package org.c10klab.server.observe;

import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The histogram buckets every latency meter of the lab publishes (server, balancer, harness): 1-2.5-5 steps
 * from 100 µs, the fastest loopback round trip, up to a timeout, which is a bucket edge itself so a query can
 * count who beat it. Twenty-odd fixed buckets are enough for {@code histogram_quantile} to land in the right
 * order of magnitude and cheap enough to keep per command; Micrometer's own percentile histogram would add
 * about seventy.
 */
public final class LatencyBuckets {

    /** The lowest bucket edge. */
    public static final Duration FLOOR = Duration.ofNanos(100_000);
    /**
     * The top edge of a server's command timer: the harness's default response timeout, after which it no
     * longer waits for a reply; a slower command still lands in {@code +Inf}.
     */
    public static final Duration SERVER_TOP = Duration.ofSeconds(10);

    private static final long[] STEPS_PER_DECADE = {10, 25, 50};

    private LatencyBuckets() {
    }

    /** The bucket edges from {@link #FLOOR} up to {@code top}, ascending, {@code top} included. */
    public static List<Duration> upTo(Duration top) {
        if (top.compareTo(FLOOR) <= 0) {
            throw new IllegalArgumentException("top bucket: " + top + " (expected: > " + FLOOR + ")");
        }
        List<Duration> edges = new ArrayList<>();
        for (long decade = FLOOR.toNanos() / 10; ; decade *= 10) {
            for (long step : STEPS_PER_DECADE) {
                Duration edge = Duration.ofNanos(decade * step);
                if (edge.compareTo(top) >= 0) {
                    edges.add(top);
                    return List.copyOf(edges);
                }
                edges.add(edge);
            }
        }
    }

    /** A timer, published as a Prometheus histogram with the buckets {@link #upTo} {@code top}, to tag and register. */
    public static Timer.Builder timer(String name, String description, Duration top) {
        return Timer.builder(name)
                .description(description)
                .serviceLevelObjectives(upTo(top).toArray(Duration[]::new));
    }
}
