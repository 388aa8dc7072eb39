package org.c10klab.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Workers start together once each core has had time to start and warm up every worker it runs. */
class WorkerFloodStartDelayTest {

    @Test
    void workersNoMoreThanTheCoresStartFiveSecondsAfterLaunch() {
        assertThat(WorkerFlood.startDelay(2, 2)).isEqualTo(Duration.ofSeconds(5));
        assertThat(WorkerFlood.startDelay(1, 8)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void eachFurtherWorkerPerCoreAddsFiveSeconds() {
        assertThat(WorkerFlood.startDelay(3, 2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(WorkerFlood.startDelay(6, 2)).isEqualTo(Duration.ofSeconds(15));
    }
}
