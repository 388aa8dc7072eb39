package org.c10klab.server.observe;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.TimeWindowMax;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One command's latency histogram ({@code server.commands}), recorded into a fixed number of stripes picked
 * by thread id, so the event loops (or the many threads of a blocking model) do not update one shared count,
 * sum and max on every request. {@link CommandLatencies} adds the stripes up when scraped. The stripe count
 * is fixed, so 20 000 virtual threads cost no more than two event loops.
 */
public final class CommandLatency {

    /** Enough stripes that threads with consecutive ids (event loops started together) never share one. */
    static final int STRIPES = Integer.highestOneBit(4 * Runtime.getRuntime().availableProcessors() - 1) << 1;
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);
    /** Longs after a stripe's slots, so the next stripe's array cannot share its last cache line. */
    private static final int PADDING = 8;

    private final String command;
    /** The bucket edges in nanoseconds, ascending; a latency above the last one goes to +Inf. */
    private final long[] edgesNanos;
    /** Per stripe: a count per bucket (+Inf last), then the sum of the latencies in nanoseconds, then padding. */
    private final long[][] stripes = new long[STRIPES][];
    private final TimeWindowMax[] maxima = new TimeWindowMax[STRIPES];

    CommandLatency(String command, List<Duration> edges, Clock clock, DistributionStatisticConfig maxWindow) {
        this.command = command;
        this.edgesNanos = edges.stream().mapToLong(Duration::toNanos).toArray();
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new long[edgesNanos.length + 2 + PADDING];
            maxima[i] = new TimeWindowMax(clock, maxWindow);
        }
    }

    /** The command tag this histogram is published under. */
    public String command() {
        return command;
    }

    /** Counts one command that took {@code nanos}. Safe from any thread. */
    public void record(long nanos) {
        int stripe = (int) (Thread.currentThread().threadId() & (STRIPES - 1));
        long[] slots = stripes[stripe];
        // Most commands beat the lowest edge, so a scan from the bottom usually stops at once.
        int bucket = 0;
        while (bucket < edgesNanos.length && nanos > edgesNanos[bucket]) {
            bucket++;
        }
        SLOT.getAndAdd(slots, bucket, 1L);
        SLOT.getAndAdd(slots, edgesNanos.length + 1, nanos);
        maxima[stripe].record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The edges in seconds, +Inf last, as the exposition labels them. */
    double[] upperBoundsSeconds() {
        double[] bounds = new double[edgesNanos.length + 1];
        for (int i = 0; i < edgesNanos.length; i++) {
            bounds[i] = edgesNanos[i] / 1e9;
        }
        bounds[edgesNanos.length] = Double.POSITIVE_INFINITY;
        return bounds;
    }

    /** The counts per bucket (not cumulative, +Inf last) of every stripe added up. */
    long[] bucketCounts() {
        long[] counts = new long[edgesNanos.length + 1];
        for (long[] slots : stripes) {
            for (int i = 0; i < counts.length; i++) {
                counts[i] += (long) SLOT.getVolatile(slots, i);
            }
        }
        return counts;
    }

    /** The sum of every recorded latency, in seconds. */
    double sumSeconds() {
        long nanos = 0;
        for (long[] slots : stripes) {
            nanos += (long) SLOT.getVolatile(slots, edgesNanos.length + 1);
        }
        return nanos / 1e9;
    }

    /** The largest latency of the recent window (as Micrometer's timer max), in seconds. */
    double maxSeconds() {
        double max = 0;
        for (TimeWindowMax stripeMax : maxima) {
            max = Math.max(max, stripeMax.poll(TimeUnit.SECONDS));
        }
        return max;
    }
}
