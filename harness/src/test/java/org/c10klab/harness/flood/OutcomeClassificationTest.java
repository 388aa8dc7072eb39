package org.c10klab.harness.flood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.c10klab.harness.FloodTestUtil.flood;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.c10klab.harness.FloodTestUtil;
import org.c10klab.harness.ScriptedServer;
import org.c10klab.harness.result.FloodResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every outcome produced for real on loopback, and named correctly, on every transport this machine has. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OutcomeClassificationTest {

    static List<String> transports() {
        List<String> transports = new ArrayList<>(List.of("nio"));
        if (Epoll.isAvailable()) {
            transports.add("epoll");
        }
        if (IoUring.isAvailable()) {
            transports.add("io_uring");
        }
        return transports;
    }

    @ParameterizedTest
    @MethodSource("transports")
    void answeredRequestsAreOk(String transport) throws IOException {
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.pong())) {
            FloodResult result = flood("--target", server.target(), "--transport", transport,
                    "-c", "20", "-n", "10", "--pipeline", "4");

            assertThat(result.connections().count(Outcome.OK)).isEqualTo(20);
            assertThat(result.requests().count(Outcome.OK)).isEqualTo(200);
            assertThat(result.requests().total()).isEqualTo(200);
            assertThat(result.requestLatency().count()).isEqualTo(200);
            assertThat(server.requests()).isEqualTo(200);
            assertThat(result.notes()).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("transports")
    void closedPortIsRefused(String transport) {
        FloodResult result = flood("--target", "127.0.0.1:" + FloodTestUtil.closedPort(), "--transport", transport,
                "-c", "5");

        assertThat(result.connections().count(Outcome.REFUSED)).isEqualTo(5);
        assertThat(result.connections().total()).isEqualTo(5);
        assertThat(result.requests().total()).isZero();
        assertThat(result.notes()).anyMatch(note -> note.startsWith("refused: ECONNREFUSED means nothing listened"));
    }

    @ParameterizedTest
    @MethodSource("transports")
    void soLingerZeroCloseIsReset(String transport) throws IOException {
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.resetAfterRequest())) {
            FloodResult result = flood("--target", server.target(), "--transport", transport, "-c", "5");

            assertThat(result.connections().count(Outcome.OK)).isEqualTo(5);
            assertThat(result.requests().count(Outcome.RESET)).isEqualTo(5);
        }
    }

    @ParameterizedTest
    @MethodSource("transports")
    void closeBeforeReplyIsClosed(String transport) throws IOException {
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.closeAfterRequest())) {
            FloodResult result = flood("--target", server.target(), "--transport", transport, "-c", "5");

            assertThat(result.requests().count(Outcome.CLOSED)).isEqualTo(5);
        }
    }

    @ParameterizedTest
    @MethodSource("transports")
    void garbageIsProtocolError(String transport) throws IOException {
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.reply("hello, I speak no RESP\r\n"))) {
            FloodResult result = flood("--target", server.target(), "--transport", transport, "-c", "5");

            assertThat(result.requests().count(Outcome.PROTOCOL_ERROR)).isEqualTo(5);
            assertThat(result.requests().details(Outcome.PROTOCOL_ERROR)).containsOnlyKeys(
                    "byte 0x68 where a reply starts (expected one of + - : $ *)");
            assertThat(result.notes()).anyMatch(note -> note.contains("--protocol raw"));
        }
    }

    @ParameterizedTest
    @MethodSource("transports")
    void errorRepliesAreCountedByMessage(String transport) throws IOException {
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.reply("-ERR unknown command 'FOO'\r\n"))) {
            FloodResult result = flood("--target", server.target(), "--transport", transport, "-c", "4", "-n", "3",
                    "--command", "FOO");

            assertThat(result.requests().count(Outcome.ERROR_REPLY)).isEqualTo(12);
            assertThat(result.requests().details(Outcome.ERROR_REPLY)).containsEntry("ERR unknown command 'FOO'", 12L);
            assertThat(result.requestLatency().count()).as("an error reply is an answer, and timed").isEqualTo(12);
        }
    }

    @Test
    void silentServerIsResponseTimeout() throws IOException {
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.neverReply())) {
            FloodResult result = flood("--target", server.target(), "-c", "3", "--pipeline", "2", "-n", "2",
                    "--response-timeout", "300ms");

            assertThat(result.connections().count(Outcome.OK)).isEqualTo(3);
            assertThat(result.requests().count(Outcome.RESPONSE_TIMEOUT)).isEqualTo(6);
            assertThat(result.accounting().unansweredConnections()).isEqualTo(3);
        }
    }

    @Test
    void fullAcceptQueueShowsAsConnectTimeoutsAndConnectedButUnanswered() throws IOException {
        // backlog 1: the kernel queues min(1, somaxconn) + 1 = 2 handshakes and drops the SYNs that come once
        // they are queued. A SYN that comes before then is answered, and that client counts itself connected
        // although the kernel drops its final ACK: under load a third client did.
        try (ServerSocket neverAccepts = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            FloodResult result = flood("--target", "127.0.0.1:" + neverAccepts.getLocalPort(), "-c", "6",
                    "--connect-timeout", "1s", "--response-timeout", "1s");

            long connected = result.connections().count(Outcome.OK);
            assertThat(connected).isBetween(2L, 5L);
            assertThat(result.connections().count(Outcome.CONNECT_TIMEOUT)).isEqualTo(6 - connected);
            assertThat(result.requests().count(Outcome.RESPONSE_TIMEOUT)).isEqualTo(connected);
            assertThat(result.accounting().unansweredConnections()).isEqualTo(connected);
            assertThat(result.notes()).anyMatch(note -> note.contains("connected but never got a reply"))
                    .anyMatch(note -> note.startsWith("connect_timeout:"));
            if (result.listenQueue() != null) {
                assertThat(result.listenQueue().listenOverflows()).isPositive();
            }
        }
    }
}
