package org.c10klab.netty;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.c10klab.netty.NettyTestUtil.TestServer;
import org.c10klab.server.testing.RawRespClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What holding a waiting connection without a thread buys, and what blocking an event loop costs. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NettyConcurrencyTest {

    /**
     * Threads the JVM (not the server) may start meanwhile; a thread per connection would add 200.
     */
    private static final int JVM_HOUSEKEEPING_THREADS = 2;

    @Test
    void aHundredClientsSleeping200msAreAnsweredTogetherNotOneAfterAnother() throws Exception {
        try (TestServer server = NettyTestUtil.start()) {
            List<RawRespClient> clients = connect(server, 100);
            try {
                long start = System.nanoTime();
                for (RawRespClient client : clients) {
                    client.send("SLEEP 200\r\n");
                }
                for (RawRespClient client : clients) {
                    assertThat(client.readReply()).isEqualTo("+OK\r\n");
                }
                // One after another would take 100 x 200 ms = 20 s.
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(200), Duration.ofSeconds(5));
            } finally {
                closeAll(clients);
            }
        }
    }

    @Test
    void twoHundredConnectionsInsideASleepAddNoPlatformThread() throws Exception {
        try (TestServer server = NettyTestUtil.start(); RawRespClient observer = server.connect()) {
            int idleInfo = threadsInInfo(observer);
            int idleBean = ManagementFactory.getThreadMXBean().getThreadCount();
            long idleServerThreads = NettyTestUtil.serverThreads();
            List<RawRespClient> sleepers = connect(server, 200);
            try {
                long start = System.nanoTime();
                for (RawRespClient sleeper : sleepers) {
                    sleeper.send("SLEEP 2000\r\n");
                }
                // Connected is not accepted (the kernel completes handshakes on its own): wait for all.
                String info = observer.call("INFO\r\n");
                while (!NettyTestUtil.infoField(info, "connections_open").equals("201")) {
                    Thread.sleep(10);
                    info = observer.call("INFO\r\n");
                }
                int duringInfo = Integer.parseInt(NettyTestUtil.infoField(info, "threads_platform"));
                int duringBean = ManagementFactory.getThreadMXBean().getThreadCount();
                Duration measuredAfter = Duration.ofNanos(System.nanoTime() - start);

                assertThat(measuredAfter).as("measured while every SLEEP was still running").isLessThan(Duration.ofMillis(2000));
                assertThat(NettyTestUtil.serverThreads()).as("the server's own threads").isLessThanOrEqualTo(idleServerThreads);
                assertThat(duringInfo).as("platform threads in INFO, idle %d", idleInfo)
                        .isLessThanOrEqualTo(idleInfo + JVM_HOUSEKEEPING_THREADS);
                assertThat(duringBean).as("platform threads in this JVM, idle %d", idleBean)
                        .isLessThanOrEqualTo(idleBean + JVM_HOUSEKEEPING_THREADS);
                for (RawRespClient sleeper : sleepers) {
                    assertThat(sleeper.readReply()).isEqualTo("+OK\r\n");
                }
            } finally {
                closeAll(sleepers);
            }
        }
    }

    @Test
    void workOnTheEventLoopStallsItsOtherConnections() throws Exception {
        try (TestServer server = NettyTestUtil.start("--io-threads", "1")) {
            assertThat(pingLatencyBehind(server, "WORK 600000\r\n")).isGreaterThan(Duration.ofMillis(300));
        }
    }

    @Test
    void offloadedWorkLeavesTheEventLoopFree() throws Exception {
        try (TestServer server = NettyTestUtil.start("--io-threads", "1", "--offload-threads", "1")) {
            assertThat(pingLatencyBehind(server, "WORK 600000\r\n")).isLessThan(Duration.ofMillis(300));
        }
    }

    @Test
    void aSleepThatBlocksTheLoopStallsItsOtherConnections() throws Exception {
        try (TestServer server = NettyTestUtil.start("--io-threads", "1", "--sleep-blocks-loop")) {
            assertThat(pingLatencyBehind(server, "SLEEP 600\r\n")).isGreaterThan(Duration.ofMillis(300));
        }
    }

    @Test
    void aSleepOnATimerLeavesTheEventLoopFree() throws Exception {
        try (TestServer server = NettyTestUtil.start("--io-threads", "1")) {
            assertThat(pingLatencyBehind(server, "SLEEP 600\r\n")).isLessThan(Duration.ofMillis(300));
        }
    }

    /** How long a PING on one connection takes while another connection of the same loop runs {@code request}. */
    private static Duration pingLatencyBehind(TestServer server, String request) throws Exception {
        try (RawRespClient busy = server.connect(); RawRespClient other = server.connect()) {
            assertThat(other.call("PING\r\n")).isEqualTo("+PONG\r\n");
            busy.send(request);
            Thread.sleep(50);
            long start = System.nanoTime();
            assertThat(other.call("PING\r\n")).isEqualTo("+PONG\r\n");
            Duration latency = Duration.ofNanos(System.nanoTime() - start);
            assertThat(busy.readReply()).isEqualTo("+OK\r\n");
            return latency;
        }
    }


    private static int threadsInInfo(RawRespClient client) throws Exception {
        return Integer.parseInt(NettyTestUtil.infoField(client.call("INFO\r\n"), "threads_platform"));
    }

    private static List<RawRespClient> connect(TestServer server, int count) throws Exception {
        List<RawRespClient> clients = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            clients.add(server.connect());
        }
        return clients;
    }

    private static void closeAll(List<RawRespClient> clients) throws Exception {
        for (RawRespClient client : clients) {
            client.close();
        }
    }
}
