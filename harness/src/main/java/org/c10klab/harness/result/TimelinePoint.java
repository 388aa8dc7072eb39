package org.c10klab.harness.result;

/**
 * The run at one sampling moment; counts are cumulative, rates and p99 cover the last interval.
 *
 * @param elapsedSeconds    since the run started
 * @param connectionsOpen   connections open now
 * @param connectsOk        attempts that connected so far
 * @param connectsFailed    attempts that failed so far
 * @param requestsOk        requests answered ok so far
 * @param requestsFailed    requests that failed so far (error replies included)
 * @param requestsPerSecond ok requests per second over the last interval
 * @param p99Ms             request latency p99 over the last interval; 0 when nothing was answered
 * @param stage             the {@code --stage} under way, from 1; null without stages
 * @param plannedConnections connections the connection stages wanted at this moment; null otherwise
 * @param plannedRate       requests per second the rate stages wanted at this moment; null otherwise
 * @param target            what was sampled of the target, or null when nothing is sampled
 */
public record TimelinePoint(double elapsedSeconds, long connectionsOpen, long connectsOk, long connectsFailed,
                            long requestsOk, long requestsFailed, double requestsPerSecond, double p99Ms,
                            Integer stage, Double plannedConnections, Double plannedRate, TargetSample target) {
}
