package org.c10klab.harness.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.c10klab.harness.result.LatencySummary;
import org.junit.jupiter.api.Test;

/**
 * A run longer than Micrometer's distribution expiry (2 minutes by default; Micrometer issues 2150,
 * 3298): a timer with client-side percentiles forgets the early samples, while the whole-run
 * HdrHistogram the report uses, and the harness's own cumulative histogram buckets, keep every one.
 * Micrometer's clock is a {@link MockClock}, so three minutes pass in no time.
 */
class LatencyExpiryTest {

    private static final long SLOW_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long FAST_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void wholeRunPercentilesKeepSamplesOlderThanTheExpiryWindow() {
        MockClock clock = new MockClock();
        PrometheusMeterRegistry registry =
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new PrometheusRegistry(), clock);
        FloodRecorder recorder = new FloodRecorder(registry, 1, Duration.ofSeconds(2), Duration.ofSeconds(10),
                FloodRecorder.DEFAULT_DISTRIBUTION_EXPIRY);
        // What a referee reading only Micrometer's percentiles would report.
        Timer decaying = Timer.builder("micrometer.defaults").publishPercentiles(0.5, 0.99).register(registry);

        // The first minute of the run: a thousand slow replies.
        for (int i = 0; i < 1000; i++) {
            recorder.answered(0, SLOW_NANOS, false, null);
            decaying.record(SLOW_NANOS, TimeUnit.NANOSECONDS);
        }
        recorder.flushRequestInterval(null);
        clock.add(FloodRecorder.DEFAULT_DISTRIBUTION_EXPIRY.plusMinutes(1));
        // Three minutes in: ten fast ones.
        for (int i = 0; i < 10; i++) {
            recorder.answered(0, FAST_NANOS, false, null);
            decaying.record(FAST_NANOS, TimeUnit.NANOSECONDS);
        }
        recorder.flushRequestInterval(null);

        ValueAtPercentile[] forgotten = decaying.takeSnapshot().percentileValues();
        assertThat(forgotten).hasSize(2).allSatisfy(percentile ->
                assertThat(percentile.value(TimeUnit.MILLISECONDS)).as("Micrometer's p" + percentile.percentile())
                        .isLessThan(2));

        LatencySummary wholeRun = recorder.requestLatency().summary();
        assertThat(wholeRun.count()).isEqualTo(1010);
        assertThat(wholeRun.p50Ms()).isBetween(49.9, 50.1);
        assertThat(wholeRun.p99Ms()).isBetween(49.9, 50.1);
        assertThat(wholeRun.maxMs()).isBetween(49.9, 50.1);
        assertThat(wholeRun.minMs()).isBetween(0.99, 1.01);

        assertThat(registry.scrape()).as("harness.request buckets are cumulative, for Prometheus to rate()")
                .contains(HarnessMeters.REQUEST_SECONDS + "_bucket{le=\"0.001\"} 10\n",
                        HarnessMeters.REQUEST_SECONDS + "_bucket{le=\"0.05\"} 1010\n",
                        HarnessMeters.REQUEST_SECONDS + "_count 1010\n",
                        HarnessMeters.REQUEST_SECONDS + "_max ");
    }
}
