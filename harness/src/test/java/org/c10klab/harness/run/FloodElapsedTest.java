package org.c10klab.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.c10klab.harness.FloodTestUtil;
import org.c10klab.harness.ScriptedServer;
import org.c10klab.harness.flood.Outcome;
import org.c10klab.harness.result.FloodResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A run's elapsed time, and so its req/s, is the flood's own: not the wait for the target's first sample. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FloodElapsedTest {

    /** The scrape timeout is four intervals: the first sample of a target that never answers waits 8 s. */
    private static final Duration INTERVAL = Duration.ofSeconds(2);

    @Test
    void theFirstScrapeOfTheTargetIsNotPartOfTheFlood() throws IOException {
        CountDownLatch release = new CountDownLatch(1);
        HttpServer metrics = hangingMetrics(release);
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.pong())) {
            String url = "http://127.0.0.1:" + metrics.getAddress().getPort() + "/metrics";
            FloodResult result = FloodTestUtil.floodArtifacts(new SamplingOptions(null, url, INTERVAL),
                    "--target", server.target(), "-c", "1", "-n", "1").result();

            assertThat(result.requests().count(Outcome.OK)).isEqualTo(1);
            assertThat(result.run().elapsedSeconds()).as("one PING, not the 8 s the first scrape waited")
                    .isLessThan(4.0);
        } finally {
            release.countDown();
            metrics.stop(0);
        }
    }

    /** A /metrics endpoint that answers nothing until {@code release}. */
    private static HttpServer hangingMetrics(CountDownLatch release) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        http.createContext("/metrics", exchange -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        http.start();
        return http;
    }
}
