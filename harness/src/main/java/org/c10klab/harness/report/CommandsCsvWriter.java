package org.c10klab.harness.report;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.c10klab.harness.flood.Outcome;
import org.c10klab.harness.result.CommandResult;
import org.c10klab.harness.result.FloodResult;
import org.c10klab.harness.result.LatencySummary;
import org.c10klab.harness.result.OutcomeCounts;
import org.c10klab.harness.run.RunArtifacts;

/**
 * commands.csv: one row per command of the workload (its outcomes, nil replies and latency) and a last row of
 * the totals.
 */
final class CommandsCsvWriter implements ResultWriter {

    static final String HEADER = "command,weight,sent," + String.join(",",
            Arrays.stream(Outcome.values()).map(Outcome::label).toList())
            + ",nil,p50_ms,p90_ms,p99_ms,p999_ms,max_ms";
    /** The command cell of the totals row. */
    static final String TOTAL = "(all)";

    @Override
    public void write(RunArtifacts artifacts, Writer out) throws IOException {
        out.write(HEADER);
        out.write('\n');
        for (CommandResult command : artifacts.result().commands()) {
            out.write(row(command.command(), command.weight(), command.requests(), command.nils(), command.latency()));
        }
        FloodResult result = artifacts.result();
        long nils = result.commands().stream().mapToLong(CommandResult::nils).sum();
        out.write(row(TOTAL, null, result.requests(), nils, result.requestLatency()));
    }

    /** A row; a null weight is an empty cell. */
    private static String row(String command, Integer weight, OutcomeCounts requests, long nils,
                              LatencySummary latency) {
        List<Object> cells = new ArrayList<>();
        cells.add(command);
        cells.add(weight);
        cells.add(requests.total());
        for (Outcome outcome : Outcome.values()) {
            cells.add(requests.count(outcome));
        }
        cells.add(nils);
        cells.addAll(List.of(latency.p50Ms(), latency.p90Ms(), latency.p99Ms(), latency.p999Ms(), latency.maxMs()));
        return Csv.row(cells) + "\n";
    }
}
