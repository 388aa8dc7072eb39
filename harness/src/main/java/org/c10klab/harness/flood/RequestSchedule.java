package org.c10klab.harness.flood;

/** Open model: when each client's requests fall due, as absolute {@link System#nanoTime()} instants. */
sealed interface RequestSchedule {

    /** A request the schedule never wants. */
    long NEVER = LoadStages.NEVER;

    /**
     * When request {@code ticket} (from 0) of client {@code slot} falls due, or {@link #NEVER}.
     *
     * @param anchorNanos when the client's schedule began: its connect, or its start with {@code --reconnect}
     */
    long dueNanos(int slot, long ticket, long anchorNanos);

    /**
     * {@code --rate}: every client at the same pace from its own start, the clients' schedules offset over one
     * interval so the total is even, not bursty.
     *
     * @param intervalNanos time between one client's requests
     * @param slots         clients sharing the rate
     */
    record FixedRate(long intervalNanos, int slots) implements RequestSchedule {
        @Override
        public long dueNanos(int slot, long ticket, long anchorNanos) {
            return anchorNanos + (long) ((double) intervalNanos * slot / slots) + ticket * intervalNanos;
        }
    }

    /**
     * {@code --stage ...:rate=R}: one schedule for the whole run, from its start, dealt out to the clients in
     * turn; a client that connects late finds its earlier requests already due, each with its intended time.
     *
     * @param stages        the rate's shape
     * @param runStartNanos the run's start
     * @param slots         clients sharing the rate
     */
    record Staged(LoadStages stages, long runStartNanos, int slots) implements RequestSchedule {
        @Override
        public long dueNanos(int slot, long ticket, long anchorNanos) {
            long offsetNanos = stages.requestDueNanos(slot + ticket * slots);
            return offsetNanos == LoadStages.NEVER ? NEVER : runStartNanos + offsetNanos;
        }
    }
}
