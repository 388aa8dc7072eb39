package org.c10klab.harness.flood;

import java.util.List;

/**
 * When each client of a flood starts, and when a stage stops it: all at once (a burst), evenly over a ramp,
 * at a fixed connect rate, or as connection stages open and close them.
 */
final class ConnectSchedule {

    /** A client no stage stops: it runs until the run's own end. */
    static final long NO_STOP = Long.MAX_VALUE;

    private final int clients;
    private final long rampNanos;
    private final double connectRatePerSecond;
    /** Connection stages: each client's time in the shape; null otherwise. */
    private final List<LoadStages.Window> windows;

    private ConnectSchedule(int clients, long rampNanos, double connectRatePerSecond, List<LoadStages.Window> windows) {
        this.clients = clients;
        this.rampNanos = rampNanos;
        this.connectRatePerSecond = connectRatePerSecond;
        this.windows = windows;
    }

    /** The schedule {@code config} asks for. */
    static ConnectSchedule of(FloodConfig config) {
        LoadStages stages = config.loadStages();
        if (stages != null && stages.quantity() == Stage.Quantity.CONNECTIONS) {
            List<LoadStages.Window> windows = stages.connectionWindows();
            return new ConnectSchedule(windows.size(), 0, 0, windows);
        }
        return new ConnectSchedule(config.connections(), config.ramp().toNanos(), config.connectRatePerSecond(), null);
    }

    /** How many clients the flood runs: its connections, or with connection stages one per window. */
    int clients() {
        return clients;
    }

    /** Nanoseconds after the run's start at which client {@code index} (0-based) starts. */
    long offsetNanos(int index) {
        if (windows != null) {
            return windows.get(index).openNanos();
        }
        if (rampNanos > 0) {
            return (long) ((double) rampNanos * index / clients);
        }
        if (connectRatePerSecond > 0) {
            return (long) (index * 1e9 / connectRatePerSecond);
        }
        return 0;
    }

    /** Nanoseconds after the run's start at which a stage stops client {@code index}, or {@link #NO_STOP}. */
    long stopOffsetNanos(int index) {
        return windows == null ? NO_STOP : windows.get(index).closeNanos();
    }
}
