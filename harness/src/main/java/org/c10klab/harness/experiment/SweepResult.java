package org.c10klab.harness.experiment;

import java.util.List;
import org.c10klab.harness.result.Environment;

/**
 * Everything a sweep produced, as written to sweep.json: one comparison per value of one parameter.
 *
 * @param command        the command line that reproduces it
 * @param startedAt      ISO-8601 instant
 * @param elapsedSeconds from the first comparison's start to the last one's end
 * @param partial        true when Ctrl-C stopped it before every value had its turn
 * @param environment    the machine and kernel settings
 * @param parameter      the parameter varied, e.g. {@code connections}
 * @param numeric        true when the values are numbers, so they can be an x axis
 * @param cells          one per value run, in the order given
 * @param trends         per model, how its numbers moved from the first value to the last, in plain language
 */
public record SweepResult(String command, String startedAt, double elapsedSeconds, boolean partial,
                          Environment environment, String parameter, boolean numeric, List<SweepCell> cells,
                          List<String> trends) {

    public SweepResult {
        cells = List.copyOf(cells);
        trends = List.copyOf(trends);
    }

    /** True when some model at some value could not be run as asked. */
    public boolean anyFailedToRun() {
        return cells.stream().anyMatch(cell -> cell.result().anyFailedToRun());
    }

    /** True when every --assert passed for every model at every value. */
    public boolean checksPassed() {
        return cells.stream().allMatch(cell -> cell.result().checksPassed());
    }
}
