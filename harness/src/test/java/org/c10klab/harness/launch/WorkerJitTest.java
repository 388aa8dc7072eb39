package org.c10klab.harness.launch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Workers that outnumber the cores compile with C1 alone; the others keep the JVM's full tiered compilation. */
class WorkerJitTest {

    @Test
    void workersBeyondTheCoresCompileWithC1Alone() {
        assertThat(WorkerJit.jvmOptions(6, 2)).containsExactly("-XX:TieredStopAtLevel=1");
        assertThat(WorkerJit.jvmOptions(3, 2)).containsExactly("-XX:TieredStopAtLevel=1");
    }

    @Test
    void workersNoMoreThanTheCoresKeepTieredCompilation() {
        assertThat(WorkerJit.jvmOptions(2, 2)).isEmpty();
        assertThat(WorkerJit.jvmOptions(6, 8)).isEmpty();
        assertThat(WorkerJit.jvmOptions(1, 1)).isEmpty();
    }
}
