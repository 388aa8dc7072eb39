package org.c10klab.harness.flood;

/**
 * A request written and not yet answered.
 *
 * @param intendedNanos when the schedule wanted it sent (open model); equal to {@code sentNanos} otherwise
 * @param sentNanos     when it was written
 */
record InFlightRequest(long intendedNanos, long sentNanos) {
}
