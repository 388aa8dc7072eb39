package org.c10klab.harness.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.c10klab.harness.result.TimelinePoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RunSamplerTest {

    private static final Duration INTERVAL = Duration.ofMillis(50);

    @Test
    void aStalledSamplerDoesNotCatchUpWithABurstOfPoints() throws InterruptedException {
        FloodRecorder recorder = new FloodRecorder(new SimpleMeterRegistry(), 1, Duration.ofSeconds(1),
                Duration.ofSeconds(1), FloodRecorder.DEFAULT_DISTRIBUTION_EXPIRY);
        AtomicBoolean stalled = new AtomicBoolean();
        // The listener runs on the sampler's thread: holding the first point stalls it for ten intervals.
        try (RunSampler sampler = new RunSampler(recorder, null, INTERVAL, null, point -> {
            if (stalled.compareAndSet(false, true)) {
                sleepUninterruptibly(INTERVAL.multipliedBy(10));
            }
        })) {
            sampler.start(System.nanoTime(), System.currentTimeMillis());
            await().atMost(Duration.ofSeconds(20)).until(() -> sampler.timeline().size() >= 6);
            List<TimelinePoint> points = sampler.timeline();
            for (int i = 1; i < points.size(); i++) {
                double gapMillis = (points.get(i).elapsedSeconds() - points.get(i - 1).elapsedSeconds()) * 1000;
                assertThat(gapMillis).as("gap before point %d of %s", i, points).isGreaterThanOrEqualTo(20);
            }
        }
    }

    private static void sleepUninterruptibly(Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            try {
                Thread.sleep(Math.max(1, (end - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
