package org.c10klab.blocking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.c10klab.blocking.BlockingTestUtil.RunningServer;
import org.c10klab.server.testing.RawRespClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Where the models differ: how many waiting clients they hold at once, and with which threads. */
@Timeout(60)
class BlockingConcurrencyTest {

    @ParameterizedTest
    @EnumSource(value = Model.class, names = {"THREADS", "POOL", "VIRTUAL"})
    void hundredSleepingClientsAreServedAtOnce(Model model) throws Exception {
        int clients = 100;
        try (RunningServer server = BlockingTestUtil.start(model, "--pool-size", "128")) {
            List<RawRespClient> connections = BlockingTestUtil.connectAll(server.address(), clients);
            try {
                // Four seconds each, so the first are still asleep when the last arrive, even on a loaded machine
                // (with 1 s the first had ended before a busy machine had read the hundredth).
                for (RawRespClient client : connections) {
                    client.send("SLEEP 4000\r\n");
                }
                // At once means all hundred wait together; one after another, at most one would be in flight.
                server.awaitRequestsInFlight(clients);
                for (RawRespClient client : connections) {
                    assertThat(client.readReply()).isEqualTo("+OK\r\n");
                }
            } finally {
                BlockingTestUtil.closeAll(connections);
            }
        }
    }

    @Test
    void theSerialModelServesSleepingClientsOneAfterAnother() throws Exception {
        int clients = 20;
        try (RunningServer server = BlockingTestUtil.start(Model.SERIAL)) {
            List<RawRespClient> connections = BlockingTestUtil.connectAll(server.address(), clients);
            try {
                long start = System.nanoTime();
                for (RawRespClient client : connections) {
                    client.send("SLEEP 100\r\n");
                }
                // The server holds one connection until it closes; the others wait in the accept queue.
                for (RawRespClient client : connections) {
                    assertThat(client.readReply()).isEqualTo("+OK\r\n");
                    client.close();
                }
                Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(1_500)); // 20 x 100 ms = 2 s when serial
            } finally {
                BlockingTestUtil.closeAll(connections);
            }
        }
    }

    @Test
    void aFullPoolRefusesAfterTheAdmissionTimeout() throws Exception {
        try (RunningServer server = BlockingTestUtil.start(Model.POOL, "--pool-size", "2", "--admission-timeout", "200ms");
                RawRespClient first = server.connect();
                RawRespClient second = server.connect()) {
            assertThat(first.call("PING\r\n")).isEqualTo("+PONG\r\n");
            assertThat(second.call("PING\r\n")).isEqualTo("+PONG\r\n");

            try (RawRespClient third = server.connect()) {
                long start = System.nanoTime();
                third.send("PING\r\n");
                assertThat(third.readReply()).isEqualTo("-ERR max clients reached\r\n");
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
                assertThat(third.closedByServer()).isTrue();
            }
            Map<String, String> info = BlockingTestUtil.info(first);
            assertThat(info).containsEntry("pool_size", "2").containsEntry("pool_busy", "2")
                    .containsEntry("admission_timeout", "200ms").containsEntry("connections_rejected", "max_clients=1");
            assertThat(server.server().metrics().scrape())
                    .contains("server_connections_rejected_total{model=\"pool\",reason=\"max_clients\"} 1.0");

            first.close();
            try (RawRespClient fourth = server.connect()) {
                assertThat(fourth.call("PING\r\n")).as("a closed connection frees its pool thread").isEqualTo("+PONG\r\n");
            }
        }
    }

    @Test
    void aWaitingConnectionGetsAPoolThreadThatFreesUpInTime() throws Exception {
        try (RunningServer server = BlockingTestUtil.start(Model.POOL, "--pool-size", "1", "--admission-timeout", "5s");
                RawRespClient holder = server.connect();
                RawRespClient waiter = server.connect()) {
            assertThat(holder.call("PING\r\n")).isEqualTo("+PONG\r\n");
            waiter.send("PING\r\n");
            assertThat(waiter.silentFor(Duration.ofMillis(300))).isTrue();
            holder.close();
            assertThat(waiter.readReply()).isEqualTo("+PONG\r\n");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Model.class, names = {"THREADS", "POOL", "VIRTUAL"})
    void maxConnectionsLeavesTheRestInTheAcceptQueue(Model model) throws Exception {
        try (RunningServer server = BlockingTestUtil.start(model, "--max-connections", "2");
                RawRespClient first = server.connect();
                RawRespClient second = server.connect();
                RawRespClient third = server.connect()) {
            assertThat(first.call("PING\r\n")).isEqualTo("+PONG\r\n");
            assertThat(second.call("PING\r\n")).isEqualTo("+PONG\r\n");
            third.send("PING\r\n");
            // Connected as far as the client can tell, yet never accepted: only a round trip proves it.
            assertThat(third.silentFor(Duration.ofMillis(500))).isTrue();
            assertThat(BlockingTestUtil.info(first)).containsEntry("connections_open", "2").containsEntry("max_connections", "2");

            first.close();
            assertThat(third.readReply()).isEqualTo("+PONG\r\n");
            assertThat(BlockingTestUtil.info(second)).containsEntry("connections_open", "2").containsEntry("connections_total", "3");
        }
    }

    @Test
    void theThreadsModelHoldsAPlatformThreadPerSleepingConnection() throws Exception {
        int clients = 200;
        try (RunningServer server = BlockingTestUtil.start(Model.THREADS); RawRespClient probe = server.connect()) {
            int idlePlatform = platformThreads(BlockingTestUtil.info(probe));
            List<RawRespClient> sleepers = BlockingTestUtil.connectAll(server.address(), clients);
            try {
                sleepers.forEach(BlockingConcurrencyTest::sendLongSleep);
                AtomicReference<Map<String, String>> busy = new AtomicReference<>();
                await().atMost(Duration.ofSeconds(10)).until(() -> {
                    busy.set(BlockingTestUtil.info(probe));
                    return Long.parseLong(busy.get().get("connection_threads")) >= clients + 1;
                });
                int busyPlatform = platformThreads(busy.get());
                assertThat(busyPlatform - idlePlatform).isGreaterThanOrEqualTo(clients);
                assertThat(busy.get()).containsEntry("threads_virtual", "0");
                for (RawRespClient sleeper : sleepers) {
                    assertThat(sleeper.readReply()).isEqualTo("+OK\r\n");
                }
            } finally {
                BlockingTestUtil.closeAll(sleepers);
            }
        }
    }

    @Test
    void theVirtualModelHoldsAVirtualThreadPerSleepingConnectionAndFewPlatformThreads() throws Exception {
        int clients = 200;
        try (RunningServer server = BlockingTestUtil.start(Model.VIRTUAL); RawRespClient probe = server.connect()) {
            int idlePlatform = platformThreads(BlockingTestUtil.info(probe));
            List<RawRespClient> sleepers = BlockingTestUtil.connectAll(server.address(), clients);
            try {
                sleepers.forEach(BlockingConcurrencyTest::sendLongSleep);
                AtomicReference<Map<String, String>> busy = new AtomicReference<>();
                await().atMost(Duration.ofSeconds(10)).until(() -> {
                    busy.set(BlockingTestUtil.info(probe));
                    return Long.parseLong(busy.get().get("threads_virtual")) >= clients + 1;
                });
                int busyPlatform = platformThreads(busy.get());
                // One carrier by default (--carriers); a few more threads may appear, never one per connection.
                assertThat(busyPlatform - idlePlatform).isLessThan(20);
                assertThat(server.server().metrics().scrape()).contains("server_threads_virtual{model=\"virtual\"} " + (clients + 1));
                for (RawRespClient sleeper : sleepers) {
                    assertThat(sleeper.readReply()).isEqualTo("+OK\r\n");
                }
            } finally {
                BlockingTestUtil.closeAll(sleepers);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aWorkingVirtualThreadHoldsOneOfTheCarriers(int carriers) throws Exception {
        assumeTrue(Runtime.version().feature() >= 24, "JDK 21-23 fix the carriers at the JVM's first virtual thread");
        try (RunningServer server = BlockingTestUtil.start(Model.VIRTUAL, "--carriers", Integer.toString(carriers));
             RawRespClient worker = server.connect(); RawRespClient pinger = server.connect()) {
            assertThat(server.info()).containsEntry("virtual_scheduler_parallelism", Integer.toString(carriers));
            worker.send("WORK 1000000\r\n"); // a second of CPU, the most WORK takes
            server.awaitRequestsInFlight(1);
            assertThat(pinger.call("PING\r\n")).isEqualTo("+PONG\r\n");
            // Loopback delivers a reply as it is written: with one carrier the PING ran only after the WORK,
            // so the WORK's reply is here already; with two it ran beside the WORK, still burning.
            String workReply = worker.readReplyWithin(Duration.ofMillis(1));
            if (carriers == 1) {
                assertThat(workReply).as("WORK answered before the PING on the one carrier").isEqualTo("+OK\r\n");
            } else {
                assertThat(workReply).as("the PING answered on the other carrier while WORK burns").isNull();
                assertThat(worker.readReply()).isEqualTo("+OK\r\n");
            }
        }
    }

    private static void sendLongSleep(RawRespClient client) {
        try {
            client.send("SLEEP 2000\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int platformThreads(Map<String, String> info) {
        return Integer.parseInt(info.get("threads_platform"));
    }
}
