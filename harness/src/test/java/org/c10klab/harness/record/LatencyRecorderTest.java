package org.c10klab.harness.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Threads record into recorders of their own; every drain adds them up, and no sample is lost or counted twice. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LatencyRecorderTest {

    private static final int THREADS = 4;
    private static final int PER_THREAD = 200_000;

    @Test
    void drainsWhileThreadsRecordAddUpToExactlyWhatWasRecorded() throws InterruptedException {
        LatencyRecorder latency = new LatencyRecorder("request");
        List<Thread> recorders = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            long micros = 100L * (t + 1);
            recorders.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < PER_THREAD; i++) {
                    latency.record(TimeUnit.MICROSECONDS.toNanos(micros));
                }
            }));
        }
        long drained = 0;
        while (recorders.stream().anyMatch(Thread::isAlive)) {
            drained += latency.flushInterval(null).getTotalCount();
        }
        for (Thread recorder : recorders) {
            recorder.join();
        }
        drained += latency.flushInterval(null).getTotalCount();

        assertThat(drained).isEqualTo((long) THREADS * PER_THREAD);
        Histogram total = latency.totalHistogram();
        assertThat(total.getTotalCount()).isEqualTo((long) THREADS * PER_THREAD);
        for (int t = 0; t < THREADS; t++) {
            assertThat(total.getCountAtValue(100L * (t + 1))).as("thread " + t).isEqualTo(PER_THREAD);
        }
        assertThat(latency.flushInterval(null).getTotalCount()).as("nothing left to drain").isZero();
    }
}
