package org.c10klab.harness.experiment;

import org.c10klab.harness.flood.Outcome;
import org.c10klab.harness.result.FloodResult;
import org.c10klab.harness.result.OutcomeCounts;

/**
 * How the clients of a one-request-per-client flood ended, each counted exactly once, in the lab's
 * words: answered, never connected, connected but never answered, reset, refused, or otherwise.
 *
 * @param ok                  answered
 * @param connectTimeout      never connected: every SYN was dropped until the client gave up
 * @param connectedUnanswered connected and sent, then no reply in time, or EOF
 * @param reset               reset while connecting or waiting
 * @param refused             refused: nothing listened on the port
 * @param other               anything else (error replies, local limits, Ctrl-C)
 */
public record ClientOutcomes(long ok, long connectTimeout, long connectedUnanswered, long reset, long refused,
                             long other) {

    /** Sorts a finished flood's clients; its connection attempts are the clients. */
    public static ClientOutcomes of(FloodResult result) {
        OutcomeCounts connects = result.connections();
        OutcomeCounts requests = result.requests();
        long ok = requests.count(Outcome.OK);
        long connectTimeout = connects.count(Outcome.CONNECT_TIMEOUT);
        long unanswered = requests.count(Outcome.RESPONSE_TIMEOUT) + requests.count(Outcome.CLOSED);
        long reset = connects.count(Outcome.RESET) + requests.count(Outcome.RESET);
        long refused = connects.count(Outcome.REFUSED);
        return new ClientOutcomes(ok, connectTimeout, unanswered, reset, refused,
                connects.total() - ok - connectTimeout - unanswered - reset - refused);
    }

    /** Every client. */
    public long total() {
        return ok + connectTimeout + connectedUnanswered + reset + refused + other;
    }
}
