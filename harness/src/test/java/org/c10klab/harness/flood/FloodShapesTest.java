package org.c10klab.harness.flood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.c10klab.harness.FloodTestUtil.flood;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.c10klab.harness.FloodTestUtil;
import org.c10klab.harness.ScriptedServer;
import org.c10klab.harness.result.FloodResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The shapes a flood can take: reconnecting clients, durations, held connections, ramps, think time, mixes. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FloodShapesTest {

    @Test
    void reconnectOpensOneConnectionPerRequest() throws IOException {
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.pong())) {
            FloodResult result = flood("--target", server.target(), "-c", "4", "-n", "5", "--reconnect");

            assertThat(result.accounting().connectAttempts()).isEqualTo(20);
            assertThat(result.connections().count(Outcome.OK)).isEqualTo(20);
            assertThat(result.requests().count(Outcome.OK)).isEqualTo(20);
            assertThat(result.accounting().peakOpenConnections()).isLessThanOrEqualTo(4);
        }
    }

    @Test
    void openModelWithReconnectConnectsForEveryScheduledRequest() throws IOException {
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.pong())) {
            FloodResult result = flood("--target", server.target(), "-c", "2", "--rate", "50", "--duration", "1s",
                    "--reconnect");

            // 50 scheduled at most, 25 per client; a loaded machine may lose a few to slow connects, but half
            // the rate or twice it falls outside.
            long connected = result.connections().count(Outcome.OK);
            assertThat(connected).isBetween(30L, 50L);
            // One request per connection; a client whose connect completed after the deadline sends none.
            assertThat(result.requests().count(Outcome.OK)).isBetween(connected - 2, connected);
        }
    }

    @Test
    void reconnectKeepsTryingAfterRefusals() {
        FloodResult result = flood("--target", "127.0.0.1:" + FloodTestUtil.closedPort(), "-c", "2", "-n", "3",
                "--reconnect");

        assertThat(result.connections().count(Outcome.REFUSED)).isEqualTo(6);
        assertThat(result.requests().total()).isZero();
    }

    @Test
    void durationKeepsSendingUntilItEnds() throws IOException {
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.pong())) {
            FloodResult result = flood("--target", server.target(), "-c", "3", "--duration", "500ms",
                    "--think", "50ms");

            // 500 ms of 50 ms pauses: at most 11 requests per connection, the first at once. Fewer on a loaded
            // machine, whose replies and timers are late; but a connection that stopped after its first
            // request, or ignored the pause, falls outside.
            assertThat(result.requests().count(Outcome.OK)).isBetween(9L, 33L);
            assertThat(result.requests().failures()).isZero();
            assertThat(result.run().elapsedSeconds()).as("ended by the duration").isBetween(0.45, 5.0);
        }
    }

    @Test
    void connectOnlyHoldsConnectionsForTheDuration() throws IOException {
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.pong())) {
            // Long enough that a loaded machine, slow to connect and to sample, still samples all 50 open.
            FloodResult result = flood("--target", server.target(), "-c", "50", "-n", "0", "--duration", "2s",
                    "--sample-interval", "50ms");

            assertThat(result.connections().count(Outcome.OK)).isEqualTo(50);
            assertThat(result.requests().total()).isZero();
            assertThat(result.accounting().peakOpenConnections()).isEqualTo(50);
            assertThat(result.timeline()).anyMatch(point -> point.connectionsOpen() == 50);
            assertThat(result.run().elapsedSeconds()).isGreaterThanOrEqualTo(1.95);
        }
    }

    @Test
    void rampSpreadsTheConnects() throws IOException {
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.pong())) {
            FloodResult ramped = flood("--target", server.target(), "-c", "10", "--ramp", "500ms");
            FloodResult rated = flood("--target", server.target(), "-c", "5", "--connect-rate", "10");

            assertThat(ramped.connections().count(Outcome.OK)).isEqualTo(10);
            assertThat(ramped.run().elapsedSeconds()).isGreaterThanOrEqualTo(0.44);
            assertThat(rated.run().elapsedSeconds()).isGreaterThanOrEqualTo(0.39);
        }
    }

    @Test
    void weightedCommandsAreSentInProportion() throws IOException {
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.reply("+OK\r\n"))) {
            FloodResult result = flood("--target", server.target(), "-c", "2", "-n", "50", "--pipeline", "8",
                    "--command", "GET k:weight=9", "--command", "SET k v:weight=1");

            assertThat(result.requests().count(Outcome.OK)).isEqualTo(100);
            assertThat(server.requests()).isEqualTo(100);
        }
    }
}
