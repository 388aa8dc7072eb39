package org.c10klab.balancer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.c10klab.balancer.BalancerTestUtil.TestBackend;
import org.c10klab.balancer.BalancerTestUtil.TestBalancer;
import org.c10klab.server.testing.RawRespClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A backend that dies under load: only the connections relayed to it fail, new clients never notice
 * (the failed connect is retried on the next backend, then health checks take it down), and once it
 * is back it rejoins after {@code --rise} passed checks.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BalancerFailoverTest {

    private static final int PERSISTENT_CLIENTS = 30;
    private static final Duration PING_PAUSE = Duration.ofMillis(10);
    /**
     * Scheduling slack on a loaded two-core machine, beyond what the health-check rules allow (0.5 s to
     * go down, 0.4 s to come up): wide enough for two CPU hogs, still short of what a check interval ten
     * times too long or a fall count ignored would take.
     */
    private static final Duration SLACK = Duration.ofMillis(1500);
    private static final Duration DOWN_WITHIN = BalancerTestUtil.HEALTH_INTERVAL.multipliedBy(BalancerTestUtil.FALL)
            .plus(BalancerTestUtil.HEALTH_TIMEOUT);
    private static final Duration UP_WITHIN = BalancerTestUtil.HEALTH_INTERVAL.multipliedBy(BalancerTestUtil.RISE)
            .plus(BalancerTestUtil.HEALTH_TIMEOUT);

    @Test
    void aBackendKilledDuringAFloodFailsOnlyItsOwnConnectionsAndGetsNoNewOnes() throws Exception {
        List<PingLoop> loops = new ArrayList<>();
        TestBackend doomed = TestBackend.start("doomed", 0);
        try (TestBackend a = TestBackend.start("a", 0);
             TestBackend c = TestBackend.start("c", 0);
             TestBalancer balancer = BalancerTestUtil.balancer(o -> { }, a, doomed, c)) {
            for (int i = 0; i < PERSISTENT_CLIENTS; i++) {
                loops.add(new PingLoop(balancer.connect()));
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> loops.stream().allMatch(loop -> loop.pongs.get() > 10));

            long killedAt = System.nanoTime();
            // Stopping takes a while (its threads wind down) after the listener closed at once: new
            // clients arrive meanwhile.
            Thread killer = Thread.ofPlatform().start(() -> {
                try {
                    doomed.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });

            // New clients right after the kill: each must be served, and by a live backend, whether a
            // refused connect (passive check) or the health checks took the dead one out first.
            Map<String, Integer> newcomers = new HashMap<>();
            long until = killedAt + DOWN_WITHIN.plus(SLACK).toNanos();
            while (System.nanoTime() < until || newcomers.values().stream().mapToInt(n -> n).sum() < 20) {
                try (RawRespClient client = balancer.connect()) {
                    assertThat(client.call("PING\r\n")).isEqualTo("+PONG\r\n");
                    newcomers.merge(BalancerTestUtil.backendOf(client), 1, Integer::sum);
                }
            }
            killer.join();
            Backend seen = balancer.backend(doomed);
            await().atMost(DOWN_WITHIN.plus(SLACK)).until(() -> seen.state() == BackendState.DOWN);
            assertThat(Duration.ofNanos(seen.stateChangedNanos() - killedAt)).as("kill to DOWN")
                    .isLessThanOrEqualTo(DOWN_WITHIN.plus(SLACK));

            long[] pongsBefore = loops.stream().mapToLong(loop -> loop.pongs.get()).toArray();
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                for (int i = 0; i < loops.size(); i++) {
                    if (loops.get(i).failed.get() == null && loops.get(i).pongs.get() <= pongsBefore[i]) {
                        return false;
                    }
                }
                return true;
            });
            for (PingLoop loop : loops) {
                loop.stop();
            }
            for (PingLoop loop : loops) {
                boolean onDoomed = loop.backend.equals("doomed");
                assertThat(loop.failed.get() != null).as("failed: a connection on %s (%s)", loop.backend, loop.failed.get())
                        .isEqualTo(onDoomed);
            }
            assertThat(loops).filteredOn(loop -> loop.backend.equals("doomed")).hasSize(PERSISTENT_CLIENTS / 3);
            assertThat(newcomers).containsOnlyKeys("a", "c");
            assertThat(balancer.server().metrics().clientsRetried()).as("retried after a refused connect")
                    .isEqualTo(seen.connectFailures());
            assertThat(balancer.server().metrics().clientsRejected()).isZero();
        } finally {
            loops.forEach(PingLoop::stop);
        }
    }

    @Test
    void aBackendBackOnItsPortRejoinsAfterRiseChecksAndGetsItsShare() throws Exception {
        TestBackend phoenix = TestBackend.start("phoenix", 0);
        int port = phoenix.port();
        try (TestBackend a = TestBackend.start("a", 0);
             TestBackend c = TestBackend.start("c", 0);
             TestBalancer balancer = BalancerTestUtil.balancer(o -> { }, a, phoenix, c)) {
            Backend seen = balancer.backend(phoenix);
            phoenix.close();
            await().atMost(DOWN_WITHIN.plus(SLACK)).until(() -> seen.state() == BackendState.DOWN);

            long restartedAt = System.nanoTime();
            try (TestBackend reborn = TestBackend.start("phoenix", port)) {
                await().atMost(UP_WITHIN.plus(SLACK)).until(() -> seen.state() == BackendState.UP);
                assertThat(Duration.ofNanos(seen.stateChangedNanos() - restartedAt)).as("restart to UP")
                        .isLessThanOrEqualTo(UP_WITHIN.plus(SLACK));

                Map<String, Integer> landed = new HashMap<>();
                for (int i = 0; i < 9; i++) {
                    try (RawRespClient client = balancer.connect()) {
                        landed.merge(BalancerTestUtil.backendOf(client), 1, Integer::sum);
                    }
                }
                assertThat(landed).containsExactlyInAnyOrderEntriesOf(Map.of("a", 3, "phoenix", 3, "c", 3));
            }
        }
    }

    @Test
    void aRefusedConnectMakesTheBackendSuspectAndTheClientIsServedByTheNextOne() throws Exception {
        int deadPort = BalancerTestUtil.unusedPort();
        try (TestBackend a = TestBackend.start("a", 0);
             // Health checks too slow to notice within the test: only the passive check can.
             TestBalancer balancer = BalancerTestUtil.balancer(o -> {
                 o.backends.add(BalancerTestUtil.LOOPBACK + ":" + deadPort);
                 o.healthInterval = Duration.ofMinutes(1);
                 o.fall = 3;
             }, a)) {
            Backend dead = balancer.server().pool().backends().get(1);
            for (int i = 0; i < 4; i++) {
                try (RawRespClient client = balancer.connect()) {
                    assertThat(BalancerTestUtil.backendOf(client)).isEqualTo("a");
                }
            }
            assertThat(dead.state()).isEqualTo(BackendState.SUSPECT);
            assertThat(dead.connectFailures()).as("refused once, then skipped").isEqualTo(1);
            assertThat(balancer.server().metrics().clientsRetried()).isEqualTo(1);
            assertThat(balancer.backend(a).totalConnections()).isEqualTo(4);
        }
    }

    /** One persistent client sending PING after PING on its own thread until stopped or failed. */
    private static final class PingLoop {

        final RawRespClient client;
        final String backend;
        final AtomicLong pongs = new AtomicLong();
        final AtomicReference<String> failed = new AtomicReference<>();
        final AtomicBoolean stopping = new AtomicBoolean();
        final Thread thread;

        PingLoop(RawRespClient client) throws IOException {
            this.client = client;
            this.backend = BalancerTestUtil.backendOf(client);
            this.thread = Thread.ofVirtual().start(this::run);
        }

        private void run() {
            try {
                while (!stopping.get()) {
                    String reply = client.call("PING\r\n");
                    if (!reply.equals("+PONG\r\n")) {
                        failed.set("reply " + reply);
                        return;
                    }
                    pongs.incrementAndGet();
                    // The load's pace, not a synchronisation: 30 loops leave the two cores room for the
                    // balancer, its health checks and new clients.
                    Thread.sleep(PING_PAUSE.toMillis());
                }
            } catch (IOException e) {
                failed.set(e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void stop() {
            stopping.set(true);
            try {
                thread.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            client.close();
        }
    }
}
