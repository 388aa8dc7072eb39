package org.c10klab.harness.result;

/**
 * Whole-run latency percentiles in milliseconds, from an HdrHistogram that saw every sample (never
 * from decaying live statistics). All zero when {@code count} is 0.
 *
 * @param count answered requests (ok and error replies) or successful connects
 */
public record LatencySummary(long count, double minMs, double meanMs, double p50Ms, double p90Ms, double p99Ms,
                             double p999Ms, double maxMs) {

    /** No samples. */
    public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0, 0, 0);
}
