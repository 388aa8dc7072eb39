package org.c10klab.harness.experiment;

import org.c10klab.harness.result.TimelinePoint;

/** Live news of a comparison, for the progress lines on stderr; separate from the final report. */
public interface CompareListener {

    /** {@code setup}'s server is about to start; it is model {@code index} (from 0) of {@code total}. */
    void starting(ModelSetup setup, int index, int total);

    /** A timeline point of the measured flood now running; on the sampler thread. */
    void sample(TimelinePoint point);

    /** The model's turn is over, whichever way it went. */
    void finished(ModelRun run);
}
