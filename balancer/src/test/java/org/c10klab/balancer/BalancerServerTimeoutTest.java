package org.c10klab.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Which silence {@link ServerTimeoutHandler} counts, on an embedded backend connection with a frozen
 * clock: only a backend's after a request, and only while the balancer reads it.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class BalancerServerTimeoutTest {

    private static final long TIMEOUT_MILLIS = 1_000;

    private final Backend backend = new Backend(new InetSocketAddress("127.0.0.1", 7391), 2, 3);
    private final EmbeddedChannel connection = new EmbeddedChannel(
            new ServerTimeoutHandler(backend, Duration.ofMillis(TIMEOUT_MILLIS)));

    BalancerServerTimeoutTest() {
        connection.freezeTime();
    }

    @AfterEach
    void tearDown() {
        connection.finishAndReleaseAll();
    }

    @Test
    void aRequestTheBackendDoesNotAnswerWithinTheTimeoutClosesTheConnectionAndIsCounted() {
        request();
        advanceMillis(TIMEOUT_MILLIS - 1);
        assertThat(connection.isOpen()).isTrue();

        advanceMillis(1);

        assertThat(connection.isOpen()).isFalse();
        assertThat(backend.serverTimeouts()).isEqualTo(1);
    }

    @Test
    void aConnectionWhereNobodyWaitsIsNeverCut() {
        advanceMillis(TIMEOUT_MILLIS * 10);
        request();
        reply();
        advanceMillis(TIMEOUT_MILLIS * 10);
        // The relay's empty writes (a flush, the one before a FIN) are not requests.
        connection.writeOutbound(Unpooled.EMPTY_BUFFER);
        advanceMillis(TIMEOUT_MILLIS * 10);

        assertThat(connection.isOpen()).isTrue();
        assertThat(backend.serverTimeouts()).isZero();
    }

    @Test
    void eachRequestAfterAReplyGetsItsOwnTimeout() {
        request();
        advanceMillis(TIMEOUT_MILLIS - 1);
        reply();
        request();
        advanceMillis(TIMEOUT_MILLIS - 1);
        assertThat(connection.isOpen()).isTrue();

        advanceMillis(1);

        assertThat(connection.isOpen()).isFalse();
    }

    @Test
    void moreRequestsWithoutAReplyDoNotPutTheDeadlineOff() {
        request();
        advanceMillis(TIMEOUT_MILLIS - 1);
        request();

        advanceMillis(1);

        assertThat(connection.isOpen()).isFalse();
    }

    @Test
    void timeTheBalancerDoesNotReadTheBackendIsTheClientsNotTheBackends() {
        request();
        connection.config().setAutoRead(false); // the client does not take its replies
        advanceMillis(TIMEOUT_MILLIS * 3);
        assertThat(connection.isOpen()).isTrue();

        connection.config().setAutoRead(true);
        advanceMillis(TIMEOUT_MILLIS - 1);
        assertThat(connection.isOpen()).isTrue();
        advanceMillis(1);

        assertThat(connection.isOpen()).isFalse();
    }

    private void request() {
        connection.writeOutbound(Unpooled.copiedBuffer("PING\r\n", StandardCharsets.US_ASCII));
    }

    private void reply() {
        connection.writeInbound(Unpooled.copiedBuffer("+PONG\r\n", StandardCharsets.US_ASCII));
    }

    private void advanceMillis(long millis) {
        connection.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        connection.runScheduledPendingTasks();
    }
}
