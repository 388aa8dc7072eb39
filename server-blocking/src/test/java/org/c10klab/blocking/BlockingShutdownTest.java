package org.c10klab.blocking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.c10klab.blocking.BlockingTestUtil.RunningServer;
import org.c10klab.server.testing.RawRespClient;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** stop(drain): stop accepting, answer what is in flight within the drain timeout, then close everything. */
@Timeout(30)
class BlockingShutdownTest {

    /** Far longer than the SLEEP a stop waits for, so stopping at the timeout cannot pass for stopping once drained. */
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

    @ParameterizedTest
    @EnumSource(Model.class)
    void aGracefulStopAnswersAnInFlightSleep(Model model) throws Exception {
        try (RunningServer running = BlockingTestUtil.start(model);
                RawRespClient sleeper = running.connect();
                RawRespClient idle = running.connect()) {
            BlockingServer server = running.server();
            assertThat(sleeper.call("PING\r\n")).isEqualTo("+PONG\r\n");
            sleeper.send("SLEEP 1000\r\n");
            running.awaitRequestsInFlight(1);

            long start = System.nanoTime();
            CompletableFuture<Void> stop = CompletableFuture.runAsync(() -> server.stop(DRAIN_TIMEOUT));
            assertThat(sleeper.readReply()).isEqualTo("+OK\r\n");
            assertThat(sleeper.closedByServer()).as("closed once its command is answered").isTrue();
            // The idle one is closed at once (serial: it was never accepted, so the listener's close resets it).
            assertThat(idle.closedByServer()).isTrue();
            stop.get(DRAIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            server.awaitStopped();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("stopped once drained, not at the timeout")
                    .isLessThan(DRAIN_TIMEOUT.dividedBy(2));
            assertThat(server.isAccepting()).isFalse();
            assertThat(server.metrics().activeConnections()).isZero();
            assertThatThrownBy(running::connect).isInstanceOf(ConnectException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(Model.class)
    void theDrainTimeoutCutsALongSleepShort(Model model) throws Exception {
        try (RunningServer running = BlockingTestUtil.start(model); RawRespClient sleeper = running.connect()) {
            BlockingServer server = running.server();
            sleeper.send("SLEEP 20000\r\n");
            running.awaitRequestsInFlight(1);

            long start = System.nanoTime();
            server.stop(Duration.ofMillis(200));
            server.awaitStopped();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(150), Duration.ofSeconds(3));
            assertThat(sleeper.readReply()).as("told why, not a bare close").isEqualTo("-ERR server shutting down\r\n");
            assertThat(sleeper.closedByServer()).isTrue();
            assertThat(server.metrics().activeConnections()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Model.class)
    void stopIsIdempotent(Model model) throws Exception {
        try (RunningServer running = BlockingTestUtil.start(model)) {
            BlockingServer server = running.server();
            assertThat(server.isAccepting()).isTrue();
            server.stop(Duration.ofSeconds(1));
            server.stop(Duration.ofSeconds(1));
            server.awaitStopped();
            assertThat(server.isAccepting()).isFalse();
        }
    }
}
