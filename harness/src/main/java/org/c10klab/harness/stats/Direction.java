package org.c10klab.harness.stats;

/** Which way a metric improves: latency and cost are better low, throughput is better high. */
public enum Direction {
    LOWER_IS_BETTER,
    HIGHER_IS_BETTER;

    /** True when {@code a} is better than {@code b} on a metric that improves this way. */
    boolean prefers(double a, double b) {
        return this == LOWER_IS_BETTER ? a < b : a > b;
    }
}
