package org.c10klab.harness.flood;

/**
 * A request written and not yet answered.
 *
 * @param command       which command of the workload, by number
 * @param intendedNanos when the schedule wanted it sent (open model); equal to {@code sentNanos} otherwise
 * @param sentNanos     when it was written
 */
record InFlightRequest(int command, long intendedNanos, long sentNanos) {
}
