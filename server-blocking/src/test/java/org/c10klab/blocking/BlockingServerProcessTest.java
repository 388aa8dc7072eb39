package org.c10klab.blocking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.c10klab.blocking.BlockingTestUtil.ChildServer;
import org.c10klab.server.testing.RawRespClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The server as a real process: SIGTERM drains and exits 0; running out of file descriptors is survived. */
@Timeout(60)
class BlockingServerProcessTest {

    /** Low enough to run out with a few hundred connections, high enough for the JVM's own jars and JFR files. */
    private static final int OPEN_FILE_LIMIT = 256;
    /** More connections than the child can hold under {@link #OPEN_FILE_LIMIT}. */
    private static final int FLOOD = 400;

    @Test
    void sigtermAnswersTheInFlightSleepThenExitsZero() throws Exception {
        try (ChildServer child = ChildServer.launch(0, "--model", "threads", "--drain-timeout", "5s");
                RawRespClient client = child.connect()) {
            assertThat(client.call("PING\r\n")).isEqualTo("+PONG\r\n");
            client.send("SLEEP 2000\r\n");
            try (RawRespClient observer = child.connect()) {
                // 2 in flight: the SLEEP and this INFO.
                BlockingTestUtil.awaitInfo(observer, info -> info.get("requests_in_flight").equals("2"));
            }

            child.process().destroy(); // SIGTERM
            assertThat(client.readReply()).isEqualTo("+OK\r\n");
            assertThat(client.closedByServer()).isTrue();
            assertThat(child.terminate(Duration.ofSeconds(10))).as(child.stderr()).isZero();
        }
    }

    @Test
    void runningOutOfFileDescriptorsIsCountedAndSurvived() throws Exception {
        List<RawRespClient> flood = new ArrayList<>();
        try (ChildServer child = ChildServer.launch(OPEN_FILE_LIMIT, "--model", "virtual");
                RawRespClient first = child.connect()) {
            assertThat(first.call("PING\r\n")).isEqualTo("+PONG\r\n");
            assertThat(BlockingTestUtil.info(first)).containsEntry("connections_rejected", "none");

            for (int i = 0; i < FLOOD; i++) {
                flood.add(child.connect()); // the kernel completes these handshakes whether or not the server accepts
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> BlockingTestUtil.info(first).get("connections_rejected").contains("accept_error="));

            Map<String, String> info = BlockingTestUtil.info(first);
            int open = Integer.parseInt(info.get("connections_open"));
            assertThat(open).as("the child held some, not all").isBetween(50, FLOOD);
            assertThat(first.call("PING\r\n")).isEqualTo("+PONG\r\n");
            assertThat(flood.get(0).call("PING\r\n")).as("an early flood connection was accepted").isEqualTo("+PONG\r\n");
            assertThat(flood.get(FLOOD - 1).silentFor(Duration.ofMillis(300))).as("a late one waits unaccepted").isTrue();
            assertThat(child.process().isAlive()).isTrue();

            BlockingTestUtil.closeAll(flood);
            await().atMost(Duration.ofSeconds(20)).until(() -> BlockingTestUtil.info(first).get("connections_open").equals("1"));
            try (RawRespClient after = child.connect()) {
                assertThat(after.call("PING\r\n")).as("served again once descriptors are free").isEqualTo("+PONG\r\n");
            }
            first.close();
            assertThat(child.terminate(Duration.ofSeconds(10))).as(child.stderr()).isZero();
            assertThat(child.stderr()).contains("Too many open files");
        } finally {
            BlockingTestUtil.closeAll(flood);
        }
    }
}
