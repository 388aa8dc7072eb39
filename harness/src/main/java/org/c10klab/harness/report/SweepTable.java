package org.c10klab.harness.report;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.c10klab.harness.experiment.ModelRun;
import org.c10klab.harness.experiment.RunStatus;
import org.c10klab.harness.experiment.SweepCell;
import org.c10klab.harness.experiment.SweepResult;
import org.c10klab.harness.experiment.SweepStep;

/** A sweep on stdout: what will run, then a matrix of models by values for each key number, then the trends. */
public final class SweepTable {

    private SweepTable() {
    }

    /** The comparisons about to run, one per value, each as the command that would run it alone. */
    public static void printPlan(String parameter, List<SweepStep> steps, PrintWriter out) {
        out.println("sweep: " + parameter + " = " + steps.stream().map(SweepStep::value)
                .collect(Collectors.joining(", ")) + ", one comparison each:");
        steps.forEach(step -> out.println("  " + step.command()));
        out.println("flood at the first value: " + FloodDescription.of(steps.getFirst().plan().flood()));
        out.println();
    }

    /** The matrices, the runs that did not complete, the trends, and how to reproduce. */
    public static void print(SweepResult result, PrintWriter out) {
        out.println();
        if (result.partial()) {
            out.println("PARTIAL: stopped by Ctrl-C; values not reached are missing.");
        }
        if (result.cells().stream().anyMatch(cell -> cell.result().repeat() > 1)) {
            out.println("each cell: the median over the trials, latency with its [min-max]; claims per value are in "
                    + "its compare.json and report.html");
            out.println();
        }
        for (SummaryColumn column : SweepMatrix.columns(result)) {
            out.println(column.title() + ":");
            matrix(SweepMatrix.header(result), SweepMatrix.rows(result, column), out);
            out.println();
        }
        for (SweepCell cell : result.cells()) {
            for (ModelRun run : cell.result().trials()) {
                if (run.status() != RunStatus.COMPLETED) {
                    out.printf(Locale.ROOT, "%s%s at %s=%s: %s%s%n", run.label(),
                            cell.result().repeat() > 1 ? " trial " + run.trial() : "", result.parameter(), cell.value(),
                            run.status(), run.detail() == null ? "" : " (" + run.detailLine() + ")");
                }
            }
        }
        if (!result.trends().isEmpty()) {
            out.println("trends:");
            result.trends().forEach(trend -> CompareTable.wrap("  - ", "    ", trend, out));
        }
        out.println();
        out.println("reproduce: " + result.command());
    }

    private static void matrix(List<String> header, List<List<String>> rows, PrintWriter out) {
        int[] widths = new int[header.size()];
        for (int c = 0; c < header.size(); c++) {
            widths[c] = header.get(c).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        out.println(line(header, widths));
        rows.forEach(row -> out.println(line(row, widths)));
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-" + widths[0] + "s", cells.getFirst()));
        for (int c = 1; c < cells.size(); c++) {
            line.append(String.format(Locale.ROOT, "  %" + widths[c] + "s", cells.get(c)));
        }
        return line.toString();
    }
}
