package org.c10klab.harness.experiment;

import java.util.ArrayList;
import java.util.List;

/**
 * One trial in a comparison's schedule: which model, its how-manieth trial, and its place in the run order.
 *
 * @param setup the model under its label
 * @param trial which of the model's trials, from 1; it runs in round {@code trial}
 * @param order its place among all the comparison's trials, from 1
 */
public record ScheduledTrial(ModelSetup setup, int trial, int order) {

    /**
     * The trials of {@code models}, {@code repeat} each, interleaved: round 1 runs every model once, round 2
     * every model again, and so on, so drift in the machine (a build starting, a cooling CPU) hits every model
     * alike. Round r starts at model (r - 1) mod k of the k models and goes on in their order, so no model
     * always runs first, after a given neighbour, or last.
     */
    public static List<ScheduledTrial> interleave(List<ModelSetup> models, int repeat) {
        if (repeat < 1) {
            throw new IllegalArgumentException("repeat: " + repeat + " (expected: >= 1)");
        }
        List<ScheduledTrial> schedule = new ArrayList<>();
        int k = models.size();
        for (int round = 1; round <= repeat; round++) {
            for (int position = 0; position < k; position++) {
                ModelSetup setup = models.get((round - 1 + position) % k);
                schedule.add(new ScheduledTrial(setup, round, schedule.size() + 1));
            }
        }
        return schedule;
    }
}
