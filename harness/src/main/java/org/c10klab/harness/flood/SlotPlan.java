package org.c10klab.harness.flood;

/**
 * What every client slot of one run does, in the units the event loop counts: nanoseconds and
 * absolute {@link System#nanoTime()} instants.
 *
 * @param workload             the request bytes
 * @param protocol             resp or raw
 * @param pipeline             requests in flight per connection
 * @param responseTimeoutNanos how long a sent request may wait
 * @param thinkNanos           pause after each reply (closed model)
 * @param reconnect            one connection per request
 * @param requestsPerSlot      requests (with reconnect: connections) per slot; {@link Long#MAX_VALUE}: no cap
 * @param deadlineNanos        when to stop issuing work; {@link Long#MAX_VALUE} for none
 * @param schedule             open model: when each request falls due; null for the closed model
 */
record SlotPlan(
        Workload workload,
        Protocol protocol,
        int pipeline,
        long responseTimeoutNanos,
        long thinkNanos,
        boolean reconnect,
        long requestsPerSlot,
        long deadlineNanos,
        RequestSchedule schedule) {

    boolean openModel() {
        return schedule != null;
    }

    /** The same plan with its own deadline: a connection that a stage closes before the run ends. */
    SlotPlan withDeadline(long newDeadlineNanos) {
        return new SlotPlan(workload, protocol, pipeline, responseTimeoutNanos, thinkNanos, reconnect, requestsPerSlot,
                newDeadlineNanos, schedule);
    }

    boolean hasDeadline() {
        return deadlineNanos != Long.MAX_VALUE;
    }
}
