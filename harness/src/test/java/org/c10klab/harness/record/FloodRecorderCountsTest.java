package org.c10klab.harness.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.c10klab.harness.flood.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The progress line reads the failed counts while event loops are still counting: they must never come out
 * negative (a worker once printed "requests ok 12952 failed -16"), and they end exact.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FloodRecorderCountsTest {

    private static final int ANSWERS = 2_000_000;
    private static final int FAILURES_EVERY = 1000;

    @Test
    void failedCountsReadWhileCountingAreNeverNegativeAndEndExact() throws InterruptedException {
        FloodRecorder recorder = new FloodRecorder(new SimpleMeterRegistry(), 1, Duration.ofSeconds(1),
                Duration.ofSeconds(1), FloodRecorder.DEFAULT_DISTRIBUTION_EXPIRY);
        Thread loop = Thread.ofPlatform().start(() -> {
            for (int i = 1; i <= ANSWERS; i++) {
                recorder.answered(0, 1000, false, null);
                if (i % FAILURES_EVERY == 0) {
                    recorder.requestFailed(0, Outcome.RESPONSE_TIMEOUT, null);
                }
            }
        });
        long lowest = 0;
        long reads = 0;
        while (loop.isAlive()) {
            lowest = Math.min(lowest, recorder.requestsFailed());
            reads++;
        }
        loop.join();

        assertThat(reads).as("reads taken while counting").isPositive();
        assertThat(lowest).as("lowest failed count read while counting").isZero();
        assertThat(recorder.requestsFailed()).isEqualTo(ANSWERS / FAILURES_EVERY);
        assertThat(recorder.requestsOk()).isEqualTo(ANSWERS);
    }
}
