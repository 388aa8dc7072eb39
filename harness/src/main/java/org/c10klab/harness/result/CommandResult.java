package org.c10klab.harness.result;

/**
 * One command of a mixed workload on its own, beside the run's totals.
 *
 * @param command  the command as typed, e.g. {@code GET __key__}
 * @param weight   its share of the requests
 * @param requests how its sent requests ended
 * @param nils     ok replies that were nil ({@code $-1}): for a GET, the misses
 * @param latency  time to a reply, as the run's request latency, for this command alone
 */
public record CommandResult(String command, int weight, OutcomeCounts requests, long nils, LatencySummary latency) {
}
