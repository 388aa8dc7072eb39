package org.c10klab.harness.record;

import static org.assertj.core.api.Assertions.assertThat;

import org.c10klab.harness.result.GcPauses;
import org.junit.jupiter.api.Test;

/** The harness's own GC pauses, counted between start and stop from the collectors' MXBeans. */
class GcPauseWatchTest {

    @Test
    void countsAPauseThatHappenedWhileWatching() {
        GcPauseWatch watch = GcPauseWatch.start();
        // A full collection stops the world on every collector this JVM may run with.
        System.gc();
        GcPauses pauses = watch.stop();

        assertThat(pauses.count()).isGreaterThanOrEqualTo(1);
        assertThat(pauses.maxMs()).isLessThanOrEqualTo(pauses.totalMs());
        assertThat(pauses.totalMs()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void nothingBeforeTheStartCounts() {
        System.gc();
        GcPauseWatch watch = GcPauseWatch.start();
        GcPauses pauses = watch.stop();

        assertThat(pauses).isEqualTo(new GcPauses(0, 0, 0));
    }
}
