package org.c10klab.harness.experiment;

import org.c10klab.harness.result.TimelinePoint;

/** Live news of a comparison, for the progress lines on stderr; separate from the final report. */
public interface CompareListener {

    /** {@code trial}'s server is about to start; each model runs {@code repeat} trials, {@code total} in all. */
    void starting(ScheduledTrial trial, int repeat, int total);

    /** A timeline point of the measured flood now running; on the sampler thread. */
    void sample(TimelinePoint point);

    /** The trial is over, whichever way it went. */
    void finished(ModelRun run);
}
