package org.c10klab.harness.flood;

import java.time.Duration;

/**
 * When each connection of a flood starts: all at once (a burst), evenly over a ramp, or at a fixed
 * connect rate.
 */
final class ConnectSchedule {

    private final int connections;
    private final long rampNanos;
    private final double connectRatePerSecond;

    ConnectSchedule(int connections, Duration ramp, double connectRatePerSecond) {
        this.connections = connections;
        this.rampNanos = ramp.toNanos();
        this.connectRatePerSecond = connectRatePerSecond;
    }

    /** Nanoseconds after the run's start at which connection {@code index} (0-based) starts. */
    long offsetNanos(int index) {
        if (rampNanos > 0) {
            return (long) ((double) rampNanos * index / connections);
        }
        if (connectRatePerSecond > 0) {
            return (long) (index * 1e9 / connectRatePerSecond);
        }
        return 0;
    }
}
