package org.c10klab.harness.experiment;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;
import org.c10klab.harness.result.TimelinePoint;
import org.c10klab.harness.run.SamplingOptions;

/**
 * One trial of one cell of the backlog experiment in this JVM's network namespace: start a fresh server,
 * burst, count, and watch the kernel meanwhile.
 */
public final class BacklogCellTrial {

    /** Sampling often enough to tell SYN retransmit rounds one second apart from each other. */
    static final Duration SAMPLE_INTERVAL = Duration.ofMillis(100);

    private final BacklogSettings settings;
    private volatile ModelTrial running;

    public BacklogCellTrial(BacklogSettings settings) {
        this.settings = settings;
    }

    /**
     * @param number   which trial of the cell this is, from 1
     * @param progress receives each timeline point while the flood runs
     */
    public BacklogRun run(int number, int backlog, int burst, Consumer<TimelinePoint> progress)
            throws IOException, InterruptedException {
        ModelTrial trial = new ModelTrial(settings.server(), settings.serverOptions(backlog));
        running = trial;
        try {
            OverflowTimeline overflows = new OverflowTimeline(progress);
            HandshakeWatch handshakes = new HandshakeWatch(trial);
            ModelTrial.Outcome outcome = trial.run(SleepBurst.serverWarmup(),
                    SleepBurst.config(burst, Duration.ZERO, settings.sleep(), settings.connectTimeout(),
                            settings.responseTimeout()), null,
                    new SamplingOptions(null, null, SAMPLE_INTERVAL), overflows.andThen(handshakes));
            return BacklogRun.of(number, backlog, outcome.server(), outcome.artifacts(), overflows.rises(),
                    handshakes.evidence());
        } finally {
            running = null;
        }
    }

    /** Ctrl-C: ends the flood in progress; {@link #run} then returns what it saw. */
    public void stop() {
        ModelTrial trial = running;
        if (trial != null) {
            trial.stop();
        }
    }
}
