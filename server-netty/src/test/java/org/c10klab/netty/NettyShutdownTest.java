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

    @Test
    void aStopAnswersAnInFlightSleepBeforeClosing() throws Exception {
        try (TestServer server = NettyTestUtil.start(); RawRespClient client = server.connect()) {
            client.send("SLEEP 300\r\n");
            Thread.sleep(50);

            long start = System.nanoTime();
            Thread stopper = Thread.ofPlatform().name("stopper").start(() -> server.server().stop(Duration.ofSeconds(5)));

            assertThat(client.readReply()).isEqualTo("+OK\r\n");
            assertThat(client.closedByServer()).isTrue();
            stopper.join();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("stopped once drained, not at the timeout")
                    .isLessThan(Duration.ofSeconds(3));
            assertThat(server.server().isAccepting()).isFalse();
            assertThatThrownBy(server::connect).isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void aSleepLongerThanTheDrainTimeoutIsCutOff() throws Exception {
        try (TestServer server = NettyTestUtil.start(); RawRespClient client = server.connect()) {
            client.send("SLEEP 10000\r\n");
            Thread.sleep(50);

            long start = System.nanoTime();
            server.server().stop(Duration.ofMillis(200));
            server.server().awaitStopped();

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void aStoppedServerLeavesNoThreadBehind() throws Exception {
        assertThat(NettyTestUtil.awaitServerThreads(0)).as("threads left by earlier tests").isZero();
        try (TestServer server = NettyTestUtil.start("--io-threads", "2", "--offload-threads", "2")) {
            assertThat(NettyTestUtil.serverThreads()).as("threads while running").isEqualTo(1 + 2 + 2);
            server.server().stop(Duration.ofSeconds(1));
            server.server().awaitStopped();

            assertThat(NettyTestUtil.awaitServerThreads(0)).isZero();
        }
    }
}
