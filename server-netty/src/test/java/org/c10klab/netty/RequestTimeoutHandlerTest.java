package org.c10klab.netty;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.c10klab.server.observe.ServerMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Which time a request timeout counts, on an embedded channel with a frozen clock: only a begun request the server is reading. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RequestTimeoutHandlerTest {

    private static final long TIMEOUT_MILLIS = 1_000;

    private final ServerMetrics metrics = new ServerMetrics(NettyServer.MODEL);
    private EmbeddedConnection connection;

    @BeforeEach
    void setUp() {
        connection = new EmbeddedConnection(metrics, Duration.ofMillis(TIMEOUT_MILLIS));
    }

    @AfterEach
    void tearDown() {
        connection.close();
        metrics.close();
    }
    @Test
    void aRequestTricklingInForLongerThanTheTimeoutIsCutOff() {
        String begun = "*1\r\n$4\r\nPI";
        long pauseMillis = TIMEOUT_MILLIS / (begun.length() + 1);
        for (char c : begun.toCharArray()) {
            connection.send(String.valueOf(c));
            connection.advanceMillis(pauseMillis);
        }
        assertThat(connection.channel().isOpen()).as("after %d ms of the request", pauseMillis * begun.length()).isTrue();

        connection.advanceMillis(TIMEOUT_MILLIS - pauseMillis * begun.length());

        assertThat(connection.written()).isEqualTo("-ERR request timeout\r\n");
        assertThat(connection.channel().isOpen()).isFalse();
        assertThat(metrics.rejectedSummary()).isEqualTo("request_timeout=1");
    }

    @Test
    void idleTimeBetweenRequestsIsNotCounted() {
        for (int i = 0; i < 3; i++) {
            connection.send("PING\r\n");
            connection.advanceMillis(TIMEOUT_MILLIS * 5);
        }
        connection.send("*1\r\n$4\r\nPI");
        connection.advanceMillis(TIMEOUT_MILLIS - 1);
        connection.send("NG\r\n");
        connection.advanceMillis(TIMEOUT_MILLIS * 5);

        assertThat(connection.written()).isEqualTo("+PONG\r\n".repeat(4));
        assertThat(connection.channel().isOpen()).isTrue();
    }

    @Test
    void eachRequestGetsItsOwnTimeout() {
        connection.send("*1\r\n$4\r\nPI");
        connection.advanceMillis(TIMEOUT_MILLIS - 1);
        connection.send("NG\r\n*1\r\n$4\r\nPI"); // completes one request and begins the next in the same read
        connection.advanceMillis(TIMEOUT_MILLIS - 1);
        assertThat(connection.channel().isOpen()).isTrue();

        connection.advanceMillis(1);

        assertThat(connection.written()).isEqualTo("+PONG\r\n-ERR request timeout\r\n");
        assertThat(connection.channel().isOpen()).isFalse();
    }

    @Test
    void timeTheServerSpendsNotReadingIsNotTheClients() {
        connection.send("SLEEP 3000\r\n*1\r\n$4\r\nPI"); // the next request begins while the SLEEP is owed
        connection.advanceMillis(3_000);
        assertThat(connection.written()).isEqualTo("+OK\r\n");
        assertThat(connection.channel().isOpen()).as("the server was not reading for most of the timeout").isTrue();

        connection.advanceMillis(TIMEOUT_MILLIS);

        assertThat(connection.written()).isEqualTo("-ERR request timeout\r\n");
        assertThat(connection.channel().isOpen()).isFalse();
    }
}
