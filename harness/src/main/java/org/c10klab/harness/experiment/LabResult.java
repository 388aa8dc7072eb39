package org.c10klab.harness.experiment;

import java.util.List;
import org.c10klab.harness.result.Environment;

/**
 * Everything the lab measured.
 *
 * @param plan    the sleeps and timeouts used
 * @param repeat  trials asked per run of a stage; fewer ran when Ctrl-C ended the lab early
 * @param host    the machine and its kernel settings
 * @param cells   every run of a stage that had a trial, in stage order, each with its trials
 * @param partial true when Ctrl-C ended the lab early
 */
public record LabResult(LabPlan plan, int repeat, Environment host, List<LabCell> cells, boolean partial) {

    public LabResult {
        cells = List.copyOf(cells);
    }

    /** The cells of {@code stage}, in stage order. */
    public List<LabCell> stage(int stage) {
        return cells.stream().filter(c -> c.stage() == stage).toList();
    }

    /** Every trial that ran. */
    public int trials() {
        return cells.stream().mapToInt(c -> c.runs().size()).sum();
    }
}
