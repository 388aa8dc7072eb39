package org.c10klab.server.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link LatencyBuckets}: 1-2.5-5 steps from 100 µs, the timeout itself the top edge. */
class LatencyBucketsTest {

    @Test
    void stepsOneTwoAndAHalfFivePerDecadeUpToTheTimeout() {
        assertThat(LatencyBuckets.upTo(Duration.ofSeconds(10))).map(Duration::toNanos).containsExactly(
                100_000L, 250_000L, 500_000L,
                1_000_000L, 2_500_000L, 5_000_000L,
                10_000_000L, 25_000_000L, 50_000_000L,
                100_000_000L, 250_000_000L, 500_000_000L,
                1_000_000_000L, 2_500_000_000L, 5_000_000_000L,
                10_000_000_000L);
    }

    @Test
    void aTimeoutBetweenStepsIsTheLastEdge() {
        assertThat(LatencyBuckets.upTo(Duration.ofSeconds(3))).endsWith(Duration.ofMillis(2500), Duration.ofSeconds(3));
        assertThat(LatencyBuckets.upTo(Duration.ofMillis(200))).endsWith(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void aTimeoutAtOrBelowTheFloorIsRefused() {
        assertThatThrownBy(() -> LatencyBuckets.upTo(LatencyBuckets.FLOOR)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected: > ");
    }
}
