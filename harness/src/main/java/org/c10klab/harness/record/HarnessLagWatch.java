package org.c10klab.harness.record;

import java.util.Optional;
import org.c10klab.harness.flood.FloodEngine;
import org.c10klab.harness.result.HarnessLag;
import org.c10klab.harness.result.ThreadCpu;

/**
 * Watches the harness itself over one flood: its GC pauses, its JIT compilers and its event loops'
 * time on and off the CPU, to be put beside the lag its {@link FloodRecorder} measured.
 */
public final class HarnessLagWatch {

    private final GcPauseWatch gc = GcPauseWatch.start();
    private final Optional<ThreadCpu> compilersBefore = ThreadCpuProbe.threads(ThreadCpuProbe.JIT_COMPILERS);
    private Optional<ThreadCpu> eventLoops = Optional.empty();

    private HarnessLagWatch() {
    }

    /** Starts watching now, before the flood starts. */
    public static HarnessLagWatch start() {
        return new HarnessLagWatch();
    }

    /** Takes the event loops' CPU times: once the flood is done, before its engine closes and they end. */
    public void floodDone() {
        eventLoops = ThreadCpuProbe.threads(name -> name.startsWith(FloodEngine.LOOP_THREAD_PREFIX));
    }

    /**
     * Stops watching.
     *
     * @param recorder  the flood's recorder, its lag histograms flushed
     * @param openModel whether requests had intended send times, and so a send lag
     */
    public HarnessLag stop(FloodRecorder recorder, boolean openModel) {
        Optional<ThreadCpu> compilers = compilersBefore.flatMap(before ->
                ThreadCpuProbe.threads(ThreadCpuProbe.JIT_COMPILERS).map(after -> after.since(before)));
        return new HarnessLag(recorder.clientStartLag().summary(),
                openModel ? recorder.requestDueLag().summary() : null, gc.stop(), eventLoops.orElse(null),
                compilers.orElse(null));
    }
}
