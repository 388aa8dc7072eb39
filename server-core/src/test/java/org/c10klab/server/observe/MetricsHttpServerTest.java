package org.c10klab.server.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.c10klab.server.observe.RawHttpClient.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The metrics endpoint over real sockets: its pages, what it refuses, and that no client can hold it. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MetricsHttpServerTest {

    private static final String SCRAPE = "server_connections_accepted_total 3.0\n";
    private static final String STATUS = "clients_open:1\n";
    /** A request line with no end: the client stalls right after it. */
    private static final String PARTIAL_REQUEST = "GET /metrics HTTP/1.1\r\n";

    private final AtomicBoolean healthy = new AtomicBoolean(true);
    private MetricsHttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = new MetricsHttpServer("127.0.0.1", 0, () -> SCRAPE, healthy::get, Map.of("/status", () -> STATUS));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void servesEachPageWithItsContentTypeAndIgnoresTheQuery() throws IOException {
        try (RawHttpClient client = connect()) {
            Response metrics = client.call("GET", "/metrics?name[]=x");
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.headers()).containsEntry("content-type", "text/plain; version=0.0.4; charset=utf-8");
            assertThat(metrics.body()).isEqualTo(SCRAPE);

            Response status = client.call("GET", "/status");
            assertThat(status.status()).isEqualTo(200);
            assertThat(status.headers()).containsEntry("content-type", "text/plain; charset=utf-8");
            assertThat(status.body()).isEqualTo(STATUS);

            Response up = client.call("GET", "/health");
            assertThat(up.status()).isEqualTo(200);
            assertThat(up.headers()).containsEntry("content-type", "text/plain");
            assertThat(up.body()).isEqualTo("UP\n");

            healthy.set(false);
            Response down = client.call("GET", "/health");
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.body()).isEqualTo("DOWN\n");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE", "TRACE", "OPTIONS"})
    void answersAnyOtherMethodThanGetAndHeadWith405(String method) throws IOException {
        try (RawHttpClient client = connect()) {
            Response response = client.call(method, "/metrics");
            assertThat(response.status()).isEqualTo(405);
            assertThat(response.headers()).containsEntry("allow", "GET, HEAD");
            assertThat(response.body()).doesNotContain(SCRAPE);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/metrics/../../x", "/metricsX", "/metrics/", "/", "/health/x", "/STATUS"})
    void answersAnyPathThatIsNotExactlyARouteWith404(String path) throws IOException {
        try (RawHttpClient client = connect()) {
            Response response = client.call("GET", path);
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.body()).doesNotContain(SCRAPE);
        }
    }

    @Test
    void headSendsTheHeadersOfGetAndNoBody() throws IOException {
        try (RawHttpClient client = connect()) {
            client.send("HEAD /metrics HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n");
            Response head = client.readResponse(true);
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.headers()).containsEntry("content-length", Integer.toString(SCRAPE.length()))
                    .containsEntry("content-type", "text/plain; version=0.0.4; charset=utf-8");
            assertThat(client.closedByServerWithin(Duration.ofSeconds(10)))
                    .as("closed right after the head, with not one body byte").isTrue();
        }
    }

    @Test
    void keepsAWellBehavedConnectionOpenAcrossRequests() throws IOException {
        try (RawHttpClient client = connect()) {
            for (int i = 0; i < 3; i++) {
                assertThat(client.call("GET", "/metrics").body()).isEqualTo(SCRAPE);
            }
            // Two requests in one write (pipelined) are answered in order.
            client.send("GET /health HTTP/1.1\r\nHost: test\r\n\r\nGET /status HTTP/1.1\r\nHost: test\r\n\r\n");
            assertThat(client.readResponse(false).body()).isEqualTo("UP\n");
            assertThat(client.readResponse(false).body()).isEqualTo(STATUS);
        }
    }

    @Test
    void refusesOversizedHeadersAndCloses() throws IOException {
        String header = "X-Filler: " + "a".repeat(MetricsHttpServerInitializer.MAX_HEADER_BYTES) + "\r\n";
        try (RawHttpClient client = connect()) {
            client.send("GET /metrics HTTP/1.1\r\nHost: test\r\n" + header + "\r\n");
            Response response = client.readResponse(false);
            assertThat(response.status()).isEqualTo(431);
            assertThat(response.body()).doesNotContain(SCRAPE);
            assertThat(client.closedByServerWithin(Duration.ofSeconds(10))).isTrue();
        }
    }

    @Test
    void aStalledClientDoesNotDelayAnotherOne() throws IOException {
        try (RawHttpClient stalled = connect()) {
            stalled.send(PARTIAL_REQUEST);
            try (RawHttpClient other = connect()) { // accepted after the stalled one
                long start = System.nanoTime();
                Response health = other.call("GET", "/health");
                Duration took = Duration.ofNanos(System.nanoTime() - start);

                assertThat(health.body()).isEqualTo("UP\n");
                // Milliseconds when served independently; a server that waits for the stalled
                // client's request line to end answers only when it leaves.
                assertThat(took).as("/health next to a stalled client").isLessThan(Duration.ofSeconds(1));
            }
        }
    }

    @Test
    void closesAStalledAndATricklingClientAtTheRequestDeadline() throws Exception {
        Duration deadline = MetricsHttpServerInitializer.REQUEST_DEADLINE;
        Duration margin = Duration.ofSeconds(10);
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try (RawHttpClient stalled = connect(); RawHttpClient trickling = connect()) {
            stalled.send(PARTIAL_REQUEST);
            trickling.send(PARTIAL_REQUEST + "X-Slow: ");
            // One byte every 200 ms: a read timeout would never fire, only the request deadline does.
            trickle.scheduleAtFixedRate(() -> {
                try {
                    trickling.send("a");
                } catch (IOException closed) {
                    throw new IllegalStateException(closed); // ends the schedule
                }
            }, 0, 200, TimeUnit.MILLISECONDS);
            long start = System.nanoTime();

            assertThat(stalled.closedByServerWithin(deadline.plus(margin))).as("stalled client closed").isTrue();
            assertThat(trickling.closedByServerWithin(deadline.plus(margin))).as("trickling client closed").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not closed before the deadline")
                    .isGreaterThanOrEqualTo(deadline.minusMillis(500));
        } finally {
            trickle.shutdownNow();
        }
    }

    @Test
    void closeFreesThePortAndEndsTheEventLoopThread() throws IOException {
        String address = server.address();
        await().atMost(Duration.ofSeconds(5)).until(() -> metricsHttpThreads() == 1); // earlier tests' may linger

        server.close();

        assertThatThrownBy(() -> connect(address)).isInstanceOf(ConnectException.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> metricsHttpThreads() == 0);
    }

    private RawHttpClient connect() throws IOException {
        return connect(server.address());
    }

    private static RawHttpClient connect(String address) throws IOException {
        return new RawHttpClient(address);
    }

    private static long metricsHttpThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("metrics-http-"))
                .count();
    }
}
