package org.c10klab.harness.result;

/**
 * Counts kept apart from the outcomes, so the outcomes can be checked against them.
 *
 * @param connectAttempts       connection attempts started; equals the connection outcomes' total
 * @param requestsSent          requests written; equals the request outcomes' total
 * @param requestsUnsent        open model: requests the schedule wanted sent that never left
 * @param unansweredConnections connections that timed out before a single reply: connected, never served
 * @param peakOpenConnections   the most connections open at once
 */
public record RequestAccounting(long connectAttempts, long requestsSent, long requestsUnsent,
                                long unansweredConnections, long peakOpenConnections) {
}
