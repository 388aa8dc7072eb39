package org.c10klab.harness.experiment;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;
import org.c10klab.harness.result.TimelinePoint;
import org.c10klab.harness.run.SamplingOptions;

/** One cell of the backlog experiment in this JVM's network namespace: start the server, burst, count. */
public final class BacklogCellTrial {

    /** Sampling often enough to tell SYN retransmit rounds one second apart from each other. */
    static final Duration SAMPLE_INTERVAL = Duration.ofMillis(100);

    private final BacklogSettings settings;
    private volatile ModelTrial running;

    public BacklogCellTrial(BacklogSettings settings) {
        this.settings = settings;
    }

    /**
     * @param progress receives each timeline point while the flood runs
     */
    public BacklogCell run(int backlog, int burst, Consumer<TimelinePoint> progress)
            throws IOException, InterruptedException {
        ModelTrial trial = new ModelTrial(settings.server(), settings.serverOptions(backlog));
        running = trial;
        try {
            OverflowTimeline overflows = new OverflowTimeline(progress);
            ModelTrial.Outcome outcome = trial.run(SleepBurst.serverWarmup(),
                    SleepBurst.config(burst, Duration.ZERO, settings.sleep(), settings.connectTimeout(),
                            settings.responseTimeout()), null,
                    new SamplingOptions(null, null, SAMPLE_INTERVAL), overflows);
            return BacklogCell.of(backlog, outcome.server(), outcome.artifacts(), overflows.rises());
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
