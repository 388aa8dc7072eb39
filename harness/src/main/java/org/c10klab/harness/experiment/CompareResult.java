package org.c10klab.harness.experiment;

import java.util.List;
import org.c10klab.harness.result.Environment;

/**
 * Everything a comparison produced, as written to compare.json: what ran, where, each model's turn, and
 * the verdict drawn from the numbers.
 *
 * @param command        the command line that reproduces it
 * @param startedAt      ISO-8601 instant
 * @param elapsedSeconds from the first server's start to the last one's stop
 * @param partial        true when Ctrl-C stopped it before every model had its turn
 * @param environment    the machine and kernel settings
 * @param plan           what was run
 * @param runs           one per model, in the order they ran
 * @param verdict        plain-language sentences computed from the runs
 */
public record CompareResult(String command, String startedAt, double elapsedSeconds, boolean partial,
                            Environment environment, ComparePlan plan, List<ModelRun> runs, List<String> verdict) {

    public CompareResult {
        runs = List.copyOf(runs);
        verdict = List.copyOf(verdict);
    }

    /** True when some model could not be run as asked (its server did not start, or the harness failed). */
    public boolean anyFailedToRun() {
        return runs.stream().anyMatch(run -> run.status().failedToRun());
    }

    /** True when every model's --assert thresholds passed (or none were given). */
    public boolean checksPassed() {
        return runs.stream().filter(run -> run.artifacts() != null)
                .allMatch(run -> run.artifacts().result().checksPassed());
    }
}
