package org.c10klab.balancer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.c10klab.balancer.BalancerTestUtil.TestBackend;
import org.c10klab.balancer.BalancerTestUtil.TestBalancer;
import org.c10klab.server.testing.RawRespClient;
import org.c10klab.server.testing.TestSockets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Backends that fail the client: one that accepts and never answers is cut after {@code --server-timeout}
 * (and only while a client waits for it), and a client no backend can take is told so before the close.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BalancerHostileTest {

    private static final Duration SERVER_TIMEOUT = Duration.ofSeconds(1);
    /** Far beyond the timeout, for a loaded two-core machine; a balancer without one keeps the client for ever. */
    private static final Duration CLOSED_WITHIN = Duration.ofSeconds(15);
    private static final String NO_BACKEND = "-ERR no backend available\r\n";

    @Test
    void aBackendThatNeverAnswersIsCutAfterTheServerTimeoutOnBothSidesAndCounted() throws Exception {
        try (SilentBackend silent = SilentBackend.start();
             TestBalancer balancer = overSilent(silent, o -> o.metricsPort = 0);
             RawRespClient client = balancer.connect()) {
            Backend seen = balancer.server().pool().backends().getFirst();

            assertThat(untilClosed(client, "PING\r\n")).isGreaterThanOrEqualTo(SERVER_TIMEOUT);

            await().atMost(CLOSED_WITHIN).until(() -> silent.openConnections() == 0);
            assertThat(seen.serverTimeouts()).isEqualTo(1);
            assertThat(balancer.httpGet("/metrics"))
                    .contains("balancer_backend_server_timeouts_total{backend=\"" + silent.hostPort() + "\"} 1.0");
            assertThat(balancer.httpGet("/status"))
                    .contains("server_timeout:1s\n")
                    .containsPattern("backend0:address=" + silent.hostPort() + ",.*,server_timeouts=1,");
        }
    }

    @Test
    void aClientThatSendsNothingIsNotCutWhileOthersOnTheSameSilentBackendAre() throws Exception {
        try (SilentBackend silent = SilentBackend.start();
             TestBalancer balancer = overSilent(silent, o -> { });
             RawRespClient idle = balancer.connect()) {
            Backend seen = balancer.server().pool().backends().getFirst();
            await().atMost(CLOSED_WITHIN).until(() -> seen.totalConnections() == 1);
            long idleSinceNanos = System.nanoTime();

            // The clock: three clients in a row, each cut after the timeout, so the idle one waits 3x the timeout.
            for (int i = 1; i <= 3; i++) {
                try (RawRespClient waiting = balancer.connect()) {
                    untilClosed(waiting, "PING\r\n");
                }
                assertThat(seen.serverTimeouts()).as("timeouts: the waiting clients' alone").isEqualTo(i);
            }

            assertThat(Duration.ofNanos(System.nanoTime() - idleSinceNanos)).as("idle for")
                    .isGreaterThanOrEqualTo(SERVER_TIMEOUT.multipliedBy(3));
            await().atMost(CLOSED_WITHIN).until(() -> balancer.server().metrics().clientsActive() == 1);
            assertThat(seen.activeConnections()).as("the idle client's backend connection").isEqualTo(1);
            // Still relayed, not merely open: its first request reaches the backend and waits like the others' did.
            untilClosed(idle, "PING\r\n");
            assertThat(seen.serverTimeouts()).isEqualTo(4);
        }
    }

    @Test
    void aClientWhoseRequestWasAnsweredIsNotCutWhileAnotherOnesSlowRequestIs() throws Exception {
        try (TestBackend backend = TestBackend.start("slow", 0);
             TestBalancer balancer = BalancerTestUtil.balancer(o -> o.serverTimeout = SERVER_TIMEOUT, backend);
             RawRespClient answered = balancer.connect()) {
            assertThat(answered.call("PING\r\n")).isEqualTo("+PONG\r\n");

            // A backend busy past the timeout looks hung from outside: the timeout must exceed the slowest command.
            for (int i = 1; i <= 3; i++) {
                try (RawRespClient sleeper = balancer.connect()) {
                    untilClosed(sleeper, BalancerTestUtil.command("SLEEP", "30000"));
                }
                assertThat(balancer.backend(backend).serverTimeouts()).as("timeouts: the sleepers' alone")
                        .isEqualTo(i);
            }

            assertThat(answered.call("PING\r\n")).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    void withEveryBackendDownAClientIsToldSoAndCounted() throws Exception {
        int deadPort = BalancerTestUtil.unusedPort();
        try (TestBalancer balancer = BalancerTestUtil.balancer(
                o -> o.backends.add(BalancerTestUtil.LOOPBACK + ":" + deadPort))) {
            await().atMost(CLOSED_WITHIN)
                    .until(() -> balancer.server().pool().backends().getFirst().state() == BackendState.DOWN);

            assertThat(pingUntilEof(balancer)).isEqualTo(NO_BACKEND);
            // Without CLIENT SETINFO, which Jedis sends on connect and whose error it ignores: the error would
            // answer that, and the user would see only the close ("Unexpected end of stream").
            try (Jedis jedis = new Jedis(balancer.address().getHostString(), balancer.address().getPort(),
                    DefaultJedisClientConfig.builder().clientSetInfoConfig(ClientSetInfoConfig.DISABLED)
                            .autoNegotiateProtocol(false).timeoutMillis(10_000).build())) {
                assertThatThrownBy(jedis::ping).isInstanceOf(JedisDataException.class)
                        .hasMessage("ERR no backend available");
            }
            assertThat(balancer.server().metrics().clientsRejected()).isEqualTo(2);
        }
    }

    @Test
    void whenTheConnectAndTheRetryBothFailTheClientIsToldNoBackendIsAvailable() throws Exception {
        int[] deadPorts = BalancerTestUtil.unusedPorts(2);
        try (TestBalancer balancer = BalancerTestUtil.balancer(o -> {
            o.backends.add(BalancerTestUtil.LOOPBACK + ":" + deadPorts[0]);
            o.backends.add(BalancerTestUtil.LOOPBACK + ":" + deadPorts[1]);
            // Both still up as far as health checks know: only the client's own connects find them dead.
            o.healthInterval = Duration.ofMinutes(1);
            o.fall = 3;
        })) {
            assertThat(pingUntilEof(balancer)).isEqualTo(NO_BACKEND);

            assertThat(balancer.server().pool().backends())
                    .allSatisfy(b -> assertThat(b.connectFailures()).isEqualTo(1));
            assertThat(balancer.server().metrics().clientsRetried()).isEqualTo(1);
            assertThat(balancer.server().metrics().clientsRejected()).isEqualTo(1);
        }
    }

    /** A balancer over {@code silent} alone, with the test's server timeout and health checks too rare to take it down. */
    private static TestBalancer overSilent(SilentBackend silent, Consumer<BalancerOptions> tweak) throws IOException {
        return BalancerTestUtil.balancer(o -> {
            o.backends.add(silent.hostPort());
            o.serverTimeout = SERVER_TIMEOUT;
            // Its PING is never answered either: one failed check in the test's lifetime leaves it up.
            o.healthInterval = Duration.ofMinutes(1);
            o.fall = 3;
            tweak.accept(o);
        });
    }

    /**
     * Sends PING on a new connection and returns all that comes back until EOF. A reset, the kernel's
     * answer to a close over bytes the balancer never read, throws instead.
     */
    private static String pingUntilEof(TestBalancer balancer) throws IOException {
        try (Socket raw = TestSockets.connect(balancer.address())) {
            raw.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            return new String(raw.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    /** Sends {@code request} and returns how long the balancer took to close the connection. */
    private static Duration untilClosed(RawRespClient client, String request) throws IOException {
        client.setReadTimeout(CLOSED_WITHIN);
        long sentNanos = System.nanoTime();
        client.send(request);
        assertThat(client.closedByServer()).as("closed within %s, without a reply", CLOSED_WITHIN).isTrue();
        return Duration.ofNanos(System.nanoTime() - sentNanos);
    }
}
