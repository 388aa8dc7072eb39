package org.c10klab.harness.experiment;

import java.util.List;
import org.c10klab.harness.result.Environment;

/**
 * Everything the lab measured.
 *
 * @param plan    the sleeps and timeouts used
 * @param host    the machine and its kernel settings
 * @param runs    every run, in stage order
 * @param partial true when Ctrl-C ended the lab early
 */
public record LabResult(LabPlan plan, Environment host, List<LabRun> runs, boolean partial) {

    public LabResult {
        runs = List.copyOf(runs);
    }

    /** The runs of {@code stage}, in the order they ran. */
    public List<LabRun> stage(int stage) {
        return runs.stream().filter(r -> r.stage() == stage).toList();
    }
}
