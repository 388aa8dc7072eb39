package org.c10klab.harness.experiment;

/** Live news of a sweep: each value as its comparison starts, then that comparison's own news. */
public interface SweepListener extends CompareListener {

    /** The comparison at {@code step}'s value is about to run; it is value {@code index} (from 0) of {@code total}. */
    void step(SweepStep step, int index, int total);
}
