package org.c10klab.harness.flood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.c10klab.harness.FloodTestUtil.flood;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.c10klab.harness.ScriptedServer;
import org.c10klab.harness.result.FloodResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * No coordinated omission: a server that stalls for a second in the middle of a fixed-rate run must
 * show in the percentiles, because latency counts from when each request was due, not from when the
 * client got round to sending it. The closed model, timing from the send, hides the same stall.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OpenModelTest {

    private static final int REQUESTS = 200;
    private static final long STALL_AT = 100;
    private static final long STALL_MILLIS = 1000;

    @Test
    void openModelShowsTheStallInP99() throws IOException {
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.stallOnce(STALL_AT, STALL_MILLIS))) {
            // 100 requests/s: about 100 requests fall due while the server stalls.
            FloodResult result = flood("--target", server.target(), "-c", "1", "-n", Integer.toString(REQUESTS),
                    "--rate", "100");

            assertThat(result.requests().count(Outcome.OK)).isEqualTo(REQUESTS);
            assertThat(result.requestLatency().p99Ms()).isGreaterThan(900);
            assertThat(result.requestLatency().p90Ms()).as("the requests due during the stall waited too")
                    .isGreaterThan(500);
            assertThat(result.requestLatency().maxMs()).isGreaterThanOrEqualTo(STALL_MILLIS);
            assertThat(result.run().elapsedSeconds()).as("the schedule, not the replies, set the pace")
                    .isBetween(1.9, 4.0);
        }
    }

    @Test
    void closedModelHidesTheSameStall() throws IOException {
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.stallOnce(STALL_AT, STALL_MILLIS))) {
            FloodResult result = flood("--target", server.target(), "-c", "1", "-n", Integer.toString(REQUESTS));

            assertThat(result.requests().count(Outcome.OK)).isEqualTo(REQUESTS);
            assertThat(result.requestLatency().maxMs()).as("one request saw the stall")
                    .isGreaterThanOrEqualTo(STALL_MILLIS);
            assertThat(result.requestLatency().p99Ms()).as("and the percentiles forgot it").isLessThan(100);
        }
    }

    @Test
    void rateIsKeptAcrossConnections() throws IOException {
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.pong())) {
            FloodResult result = flood("--target", server.target(), "-c", "4", "--rate", "400", "--duration", "1s");

            // The schedule holds 400 tickets at most: each connection's 100, 10 ms apart, all before the
            // deadline. A loaded machine connects late and loses some at the start, and replies slowly and
            // leaves some unsent at the end; half the rate or twice it still falls outside.
            assertThat(result.requests().count(Outcome.OK)).isBetween(300L, 400L);
            assertThat(result.accounting().requestsUnsent()).as("the clients kept up with the schedule")
                    .isLessThanOrEqualTo(40);
        }
    }

    @Test
    void requestsDueWhenTheRunEndsAreCountedAsUnsent() throws IOException {
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.stallOnce(1, 2000))) {
            // The first request stalls past the end of the run; everything due meanwhile never leaves.
            FloodResult result = flood("--target", server.target(), "-c", "1", "--rate", "100", "--duration", "1s");

            assertThat(result.requests().total()).isEqualTo(1);
            // 100 tickets at most, one of them sent; the ones a slow connect pushed past the deadline never fell due.
            assertThat(result.accounting().requestsUnsent()).isBetween(60L, 99L);
            assertThat(result.notes()).anyMatch(note -> note.contains("never left"));
        }
    }
}
