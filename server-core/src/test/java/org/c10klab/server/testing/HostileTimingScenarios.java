package org.c10klab.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.c10klab.server.LabServer;
import org.c10klab.server.observe.MeterNames;

/**
 * Slow and unruly clients every model must outlast, and a stop in their middle: run by each server
 * module's hostile timing test against a server it started.
 */
public final class HostileTimingScenarios {

    /** What a timed-out request gets before its connection closes. */
    public static final String REQUEST_TIMEOUT = "-ERR request timeout\r\n";
    private static final String SHUTTING_DOWN = "-ERR server shutting down\r\n";
    /** A trickler's pace: a request of {@link #TRICKLED_BYTES} at this pace never completes in a test. */
    private static final Duration TRICKLE_PAUSE = Duration.ofMillis(100);
    private static final int TRICKLED_BYTES = 1_000;
    /** Beyond the request timeout, how late a cut-off may come on a loaded machine. */
    private static final Duration LATENESS = Duration.ofSeconds(8);

    private HostileTimingScenarios() {
    }

    /**
     * {@code tricklers} clients that send their request a byte at a time are each answered
     * {@code -ERR request timeout} and closed, no sooner than {@code requestTimeout} after their first
     * byte, while a client on the side keeps getting its PINGs answered; the cut-offs are counted
     * and logged. Stops {@code server}, which flushes its access log.
     *
     * @param server         started with {@code --request-timeout requestTimeout --access-log accessLog}
     *                       and room to serve {@code tricklers + 1} connections at once
     */
    public static void tricklersAreCutOffWhileOthersAreServed(LabServer server, Path accessLog, Duration requestTimeout,
            int tricklers) throws Exception {
        InetSocketAddress address = address(server);
        List<TricklingClient> slow = new ArrayList<>();
        try (RawRespClient side = new RawRespClient(address)) {
            assertThat(side.call("PING\r\n")).isEqualTo("+PONG\r\n");
            for (int i = 0; i < tricklers; i++) {
                slow.add(new TricklingClient(address, TricklingClient.endlessRequest(TRICKLED_BYTES), TRICKLE_PAUSE));
            }
            try (ExecutorService readers = Executors.newFixedThreadPool(tricklers)) {
                List<CompletableFuture<String>> replies = new ArrayList<>();
                for (TricklingClient client : slow) {
                    replies.add(CompletableFuture.supplyAsync(() -> repliesUntilClosed(client), readers));
                }
                CompletableFuture<Void> allClosed = CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new));
                int pings = 0;
                while (!allClosed.isDone()) {
                    assertThat(side.call("PING\r\n")).as("PING %d beside the tricklers", ++pings).isEqualTo("+PONG\r\n");
                }
                for (int i = 0; i < tricklers; i++) {
                    assertThat(replies.get(i).get()).as("trickler %d", i).isEqualTo(REQUEST_TIMEOUT);
                    assertThat(slow.get(i).openFor()).as("trickler %d open", i)
                            .isBetween(requestTimeout, requestTimeout.plus(LATENESS));
                }
                assertThat(pings).as("PINGs answered while the tricklers were connected").isPositive();
            }
            assertThat(side.call("PING\r\n")).isEqualTo("+PONG\r\n");
        } finally {
            for (TricklingClient client : slow) {
                client.close();
            }
        }
        assertThat(server.metrics().rejectedSummary()).isEqualTo(MeterNames.REASON_REQUEST_TIMEOUT + "=" + tricklers);
        server.stop(Duration.ofSeconds(2));
        assertThat(AccessLogLines.read(accessLog).events("reject")).hasSize(tricklers)
                .allSatisfy(line -> assertThat(line).containsEntry("reason", MeterNames.REASON_REQUEST_TIMEOUT));
    }

    /**
     * {@code tricklers} slow clients hold every thread a model has ({@code server} started with
     * {@code --request-timeout requestTimeout}); once they are cut off, a new client is served.
     */
    public static void aModelServesAgainOnceItsTricklersAreCutOff(InetSocketAddress server, Duration requestTimeout,
            int tricklers) throws Exception {
        List<TricklingClient> slow = new ArrayList<>();
        try {
            for (int i = 0; i < tricklers; i++) {
                slow.add(new TricklingClient(server, TricklingClient.endlessRequest(TRICKLED_BYTES), TRICKLE_PAUSE));
            }
            for (TricklingClient client : slow) {
                assertThat(client.repliesUntilClosed(requestTimeout.plus(LATENESS))).isEqualTo(REQUEST_TIMEOUT);
            }
            try (RawRespClient next = new RawRespClient(server)) {
                assertThat(next.call("PING\r\n")).isEqualTo("+PONG\r\n");
            }
        } finally {
            for (TricklingClient client : slow) {
                client.close();
            }
        }
    }

    /** Idle time between requests is not a request timeout: only a begun request is timed. */
    public static void idleTimeBetweenRequestsIsNotTimed(InetSocketAddress server, Duration requestTimeout)
            throws IOException {
        try (RawRespClient client = new RawRespClient(server)) {
            assertThat(client.call("PING\r\n")).isEqualTo("+PONG\r\n");
            assertThat(client.silentFor(requestTimeout.multipliedBy(2))).isTrue();
            assertThat(client.call("PING\r\n")).isEqualTo("+PONG\r\n");
        }
    }

    /** A 60 000-byte unknown command is quoted in its error the way Redis does, cut to 128 bytes. */
    public static void aHugeUnknownCommandGetsAShortError(InetSocketAddress server) throws IOException {
        String name = "x".repeat(60_000);
        try (RawRespClient client = new RawRespClient(server)) {
            String reply = client.call("*1\r\n$" + name.length() + "\r\n" + name + "\r\n");
            assertThat(reply).isEqualTo("-ERR unknown command '" + "x".repeat(128) + "'\r\n").hasSizeLessThan(200);
            assertThat(client.call("PING\r\n")).isEqualTo("+PONG\r\n");
        }
    }

    /**
     * Once a stop has begun, a connection reads no new request: a PING sent behind an owed SLEEP is
     * never answered; the SLEEP is, then the connection closes and the stop ends without waiting
     * for its drain timeout. Stops {@code server}.
     */
    public static void aDrainReadsNothingSentAfterItBegan(LabServer server) throws Exception {
        try (RawRespClient client = new RawRespClient(address(server))) {
            client.send("SLEEP 2000\r\n");
            ServerStates.awaitRequestsInFlight(server.metrics(), 1);
            CompletableFuture<Void> stop = CompletableFuture.runAsync(() -> server.stop(Duration.ofSeconds(30)));
            ServerStates.await().until(() -> !server.isAccepting());

            client.send("PING\r\n");
            assertThat(client.readReply()).isEqualTo("+OK\r\n");
            assertThat(client.closedByServer()).as("closed without reading the PING").isTrue();
            stop.get(10, TimeUnit.SECONDS);
        }
    }

    /**
     * SIGTERM with {@code connections} idle connections open: each is closed at once and the server
     * exits 0 far sooner than its {@code drainTimeout}, since nothing is owed.
     *
     * @return how long the child took from SIGTERM to its exit
     */
    public static Duration sigtermWithIdleConnectionsExitsAtOnce(ChildServerProcess child, int connections,
            Duration drainTimeout) throws Exception {
        List<RawRespClient> idle = new ArrayList<>();
        try {
            for (int i = 0; i < connections; i++) {
                RawRespClient client = child.connect();
                idle.add(client);
                assertThat(client.call("PING\r\n")).isEqualTo("+PONG\r\n"); // accepted and served, now idle
            }
            long start = System.nanoTime();
            assertThat(child.terminate(drainTimeout.plusSeconds(10))).as(child.stderr()).isZero();
            Duration stop = Duration.ofNanos(System.nanoTime() - start);
            for (RawRespClient client : idle) {
                assertThat(client.closedByServer()).isTrue();
            }
            assertThat(stop).as("SIGTERM to exit with %d idle connections", connections)
                    .isLessThan(drainTimeout.dividedBy(4));
            return stop;
        } finally {
            idle.forEach(RawRespClient::close);
        }
    }

    /**
     * SIGTERM while {@code clients} connections pipeline ECHOs: every reply a client got is whole
     * (an answer, or {@code -ERR server shutting down}), and the server exits 0 far sooner than
     * its {@code drainTimeout}.
     */
    public static void sigtermAmidPipelinesCutsNoReplyInHalf(ChildServerProcess child, int clients,
            Duration drainTimeout) throws Exception {
        AtomicInteger rounds = new AtomicInteger();
        try (ExecutorService threads = Executors.newFixedThreadPool(clients)) {
            List<CompletableFuture<String>> received = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                PipeliningClient client = new PipeliningClient(child.address(), rounds);
                received.add(CompletableFuture.supplyAsync(client::runUntilClosed, threads));
            }
            ServerStates.await().until(() -> rounds.get() >= clients);

            long start = System.nanoTime();
            assertThat(child.terminate(drainTimeout.plusSeconds(10))).as(child.stderr()).isZero();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("SIGTERM to exit amid pipelines")
                    .isLessThan(drainTimeout.dividedBy(4));
            for (int i = 0; i < clients; i++) {
                String bytes = received.get(i).get(10, TimeUnit.SECONDS);
                assertThat(afterWholeReplies(bytes)).as("client %d: %d bytes, only whole replies", i, bytes.length())
                        .isEmpty();
            }
        }
    }

    private static String repliesUntilClosed(TricklingClient client) {
        try {
            return client.repliesUntilClosed(Duration.ofMinutes(1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What is left of {@code bytes} after its leading whole pipelined replies and shutdown errors: empty when
     * no reply was cut. A loop, not a regex: {@code (A|B)*} recurses once per reply and overflowed the stack
     * once a fast server sent enough of them.
     */
    private static String afterWholeReplies(String bytes) {
        int at = 0;
        while (true) {
            if (bytes.startsWith(PipeliningClient.REPLY, at)) {
                at += PipeliningClient.REPLY.length();
            } else if (bytes.startsWith(SHUTTING_DOWN, at)) {
                at += SHUTTING_DOWN.length();
            } else {
                return bytes.substring(at);
            }
        }
    }

    private static InetSocketAddress address(LabServer server) {
        return new InetSocketAddress("127.0.0.1", server.localAddress().getPort());
    }
}
