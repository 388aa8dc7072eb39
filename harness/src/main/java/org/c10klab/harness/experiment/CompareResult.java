package org.c10klab.harness.experiment;

import java.util.Comparator;
import java.util.List;
import org.c10klab.harness.result.Environment;
import org.c10klab.harness.stats.Claim;

/**
 * Everything a comparison produced, as written to compare.json: what ran, where and how noisily, each
 * model's trials, the claims between models and the verdict drawn from them.
 *
 * @param command        the command line that reproduces it
 * @param startedAt      ISO-8601 instant
 * @param elapsedSeconds from the first server's start to the last one's stop
 * @param partial        true when Ctrl-C stopped it before every trial had its turn
 * @param repeat         trials per model
 * @param environment    the machine and kernel settings
 * @param noise          how busy the machine was, and how far apart same-model groups came out
 * @param plan           what was run
 * @param models         one per model label, in the plan's order, each with its trials
 * @param claims         every comparison between models on every judged figure, significant or not
 * @param verdict        plain-language sentences computed from the trials and the claims
 */
public record CompareResult(String command, String startedAt, double elapsedSeconds, boolean partial, int repeat,
                            Environment environment, MachineNoise noise, ComparePlan plan, List<ModelResult> models,
                            List<Claim> claims, List<String> verdict) {

    public CompareResult {
        models = List.copyOf(models);
        claims = List.copyOf(claims);
        verdict = List.copyOf(verdict);
    }

    /** Every trial, in the order they ran. */
    public List<ModelRun> trials() {
        return models.stream().flatMap(model -> model.runs().stream())
                .sorted(Comparator.comparingInt(ModelRun::order)).toList();
    }

    /** True when some trial could not be run as asked (its server did not start, or the harness failed). */
    public boolean anyFailedToRun() {
        return trials().stream().anyMatch(run -> run.status().failedToRun());
    }

    /** True when every trial's --assert thresholds passed (or none were given). */
    public boolean checksPassed() {
        return trials().stream().filter(run -> run.artifacts() != null)
                .allMatch(run -> run.artifacts().result().checksPassed());
    }
}
