package org.c10klab.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.c10klab.netty.NettyTestUtil.TestServer;
import org.c10klab.server.testing.RawRespClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A stop closes the door, lets owed replies out within the drain timeout, and leaves no thread behind. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class NettyShutdownTest {

    /** Far longer than the SLEEP a stop waits for, so stopping at the timeout cannot pass for stopping once drained. */
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

    @Test
    void aStopAnswersAnInFlightSleepBeforeClosing() throws Exception {
        try (TestServer server = NettyTestUtil.start(); RawRespClient client = server.connect()) {
            client.send("SLEEP 1000\r\n");
            server.awaitRequestsInFlight(1);

            long start = System.nanoTime();
            Thread stopper = Thread.ofPlatform().name("stopper").start(() -> server.server().stop(DRAIN_TIMEOUT));

            assertThat(client.readReply()).isEqualTo("+OK\r\n");
            assertThat(client.closedByServer()).isTrue();
            stopper.join();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("stopped once drained, not at the timeout")
                    .isLessThan(DRAIN_TIMEOUT.dividedBy(2));
            assertThat(server.server().isAccepting()).isFalse();
            assertThatThrownBy(server::connect).isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void aSleepLongerThanTheDrainTimeoutIsCutOff() throws Exception {
        try (TestServer server = NettyTestUtil.start(); RawRespClient client = server.connect()) {
            client.send("SLEEP 10000\r\n");
            server.awaitRequestsInFlight(1);

            long start = System.nanoTime();
            server.server().stop(Duration.ofMillis(200));
            server.server().awaitStopped();

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThat(client.readReply()).as("told why, not a bare close").isEqualTo("-ERR server shutting down\r\n");
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void aStoppedServerLeavesNoThreadBehind() throws Exception {
        NettyTestUtil.awaitNoServerThreads("threads left by earlier tests");
        try (TestServer server = NettyTestUtil.start("--io-threads", "2", "--offload-threads", "2")) {
            assertThat(NettyTestUtil.serverThreads()).as("threads while running").isEqualTo(1 + 2 + 2);
            server.server().stop(Duration.ofSeconds(1));
            server.server().awaitStopped();

            NettyTestUtil.awaitNoServerThreads("threads left after the stop");
        }
    }
}
