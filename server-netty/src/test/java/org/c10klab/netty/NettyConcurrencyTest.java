package org.c10klab.netty;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.c10klab.netty.NettyTestUtil.TestServer;
import org.c10klab.server.testing.RawRespClient;
import org.c10klab.server.testing.ServerStates;
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
    void aHundredSleepingClientsAreAnsweredTogetherNotOneAfterAnother() throws Exception {
        try (TestServer server = NettyTestUtil.start()) {
            List<RawRespClient> clients = connect(server, 100);
            try {
                for (RawRespClient client : clients) {
                    client.send("SLEEP 1000\r\n");
                }
                // Together means all hundred wait at once; one after another, at most one would be in flight.
                server.awaitRequestsInFlight(100);
                for (RawRespClient client : clients) {
                    assertThat(client.readReply()).isEqualTo("+OK\r\n");
                }
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
                for (RawRespClient sleeper : sleepers) {
                    sleeper.send("SLEEP 3000\r\n");
                }
                // Connected is not accepted (the kernel completes handshakes on its own): wait until the
                // server holds every SLEEP. 201 in flight: the 200 SLEEPs and this INFO.
                String info = ServerStates.awaitInfo(observer, reply -> requestsInFlight(reply) == 201);
                int duringInfo = Integer.parseInt(NettyTestUtil.infoField(info, "threads_platform"));
                int duringBean = ManagementFactory.getThreadMXBean().getThreadCount();
                long duringServerThreads = NettyTestUtil.serverThreads();

                assertThat(requestsInFlight(observer.call("INFO\r\n"))).as("measured while every SLEEP was still waiting")
                        .isEqualTo(201);
                assertThat(duringServerThreads).as("the server's own threads").isLessThanOrEqualTo(idleServerThreads);
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
            assertThat(pingAnsweredWhileInside(server, "WORK 1000000\r\n")).isFalse();
        }
    }

    @Test
    void offloadedWorkLeavesTheEventLoopFree() throws Exception {
        try (TestServer server = NettyTestUtil.start("--io-threads", "1", "--offload-threads", "1")) {
            assertThat(pingAnsweredWhileInside(server, "WORK 1000000\r\n")).isTrue();
        }
    }

    @Test
    void aSleepThatBlocksTheLoopStallsItsOtherConnections() throws Exception {
        try (TestServer server = NettyTestUtil.start("--io-threads", "1", "--sleep-blocks-loop")) {
            assertThat(pingAnsweredWhileInside(server, "SLEEP 1000\r\n")).isFalse();
        }
    }

    @Test
    void aSleepOnATimerLeavesTheEventLoopFree() throws Exception {
        try (TestServer server = NettyTestUtil.start("--io-threads", "1")) {
            assertThat(pingAnsweredWhileInside(server, "SLEEP 1000\r\n")).isTrue();
        }
    }

    /**
     * Whether a PING on one connection is answered while another connection of the same loop is still
     * inside {@code request}, as the server's requests in flight tell: a stalled loop answers the PING
     * only after it answered the request.
     */
    private static boolean pingAnsweredWhileInside(TestServer server, String request) throws Exception {
        try (RawRespClient busy = server.connect(); RawRespClient other = server.connect()) {
            assertThat(other.call("PING\r\n")).isEqualTo("+PONG\r\n");
            busy.send(request);
            server.awaitRequestsInFlight(1);
            assertThat(other.call("PING\r\n")).isEqualTo("+PONG\r\n");
            boolean requestStillInFlight = server.server().metrics().requestsInFlight() == 1;
            assertThat(busy.readReply()).isEqualTo("+OK\r\n");
            return requestStillInFlight;
        }
    }

    private static long requestsInFlight(String info) {
        return Long.parseLong(NettyTestUtil.infoField(info, "requests_in_flight"));
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
