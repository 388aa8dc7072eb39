package org.c10klab.server.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CommandLatencyTest {

    private final ServerMetrics metrics = new ServerMetrics("virtual");

    @AfterEach
    void close() {
        metrics.close();
    }

    @Test
    void theScrapeIsWhatMicrometersTimerWithTheLabsBucketsPublished() {
        long[] latenciesNanos = {50_000, 100_000, 100_001, 3_000_000, 30_000_000, 9_999_999_999L, 20_000_000_000L};
        PrometheusMeterRegistry reference = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try {
            reference.config().commonTags(MeterNames.TAG_MODEL, "virtual");
            var timer = LatencyBuckets.timer(MeterNames.COMMANDS, CommandLatencies.DESCRIPTION, LatencyBuckets.SERVER_TOP)
                    .tag(MeterNames.TAG_COMMAND, "GET").register(reference);
            for (long nanos : latenciesNanos) {
                timer.record(nanos, TimeUnit.NANOSECONDS);
                metrics.commandLatency("GET").record(nanos);
            }
            assertThat(commandLines(metrics.scrape())).isEqualTo(commandLines(reference.scrape())).hasSize(4 + 17 + 3);
        } finally {
            reference.close();
        }
    }

    @Test
    void recordsFromManyThreadsAddUpExactly() throws InterruptedException {
        int threads = 64;
        int perThread = 10_000;
        CommandLatency latency = metrics.commandLatency("PING");
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> recorders = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            recorders.add(Thread.ofVirtual().start(() -> {
                awaitQuietly(start);
                for (int n = 0; n < perThread; n++) {
                    latency.record(n % 2 == 0 ? 1_000 : 2_000_000); // 1 µs and 2 ms: two buckets
                }
            }));
        }
        start.countDown();
        for (Thread recorder : recorders) {
            recorder.join();
        }
        long total = (long) threads * perThread;
        assertThat(Arrays.stream(latency.bucketCounts()).sum()).isEqualTo(total);
        assertThat(latency.bucketCounts()[0]).isEqualTo(total / 2);
        assertThat(latency.sumSeconds()).isEqualTo((total / 2) * (1_000 + 2_000_000) / 1e9);
        assertThat(metrics.scrape()).contains(
                "server_commands_seconds_count{command=\"PING\",model=\"virtual\"} " + total,
                "server_commands_seconds_bucket{command=\"PING\",model=\"virtual\",le=\"1.0E-4\"} " + total / 2,
                "server_commands_seconds_bucket{command=\"PING\",model=\"virtual\",le=\"0.0025\"} " + total,
                "server_commands_seconds_max{command=\"PING\",model=\"virtual\"} 0.002");
    }

    @Test
    void aStripeIsPickedByThreadIdSoTheStripeCountStaysFixed() {
        assertThat(Integer.bitCount(CommandLatency.STRIPES)).isEqualTo(1);
        assertThat(CommandLatency.STRIPES).isGreaterThanOrEqualTo(4 * Runtime.getRuntime().availableProcessors());
    }

    private static List<String> commandLines(String scrape) {
        return scrape.lines().filter(line -> line.contains("server_commands")).collect(Collectors.toList());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
