package org.c10klab.harness.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.c10klab.harness.experiment.ComparePlan;
import org.c10klab.harness.experiment.CompareResult;
import org.c10klab.harness.experiment.ModelResult;
import org.c10klab.harness.experiment.ModelSetup;
import org.c10klab.server.DurationConverter;

/** A comparison on stdout: what will run, then one row per model side by side, the machine's noise, the verdict. */
public final class CompareTable {

    /** Where the verdict's sentences wrap. */
    static final int WIDTH = 110;
    /** A unit after a number, perhaps with punctuation: never the first word of a wrapped line. */
    private static final Pattern UNIT = Pattern.compile("(ms|s|MiB)\\W*");

    private CompareTable() {
    }

    /** What the comparison is about to run, so a long run says up front what it is waiting for. */
    public static void printPlan(ComparePlan plan, PrintWriter out) {
        out.println("compare: " + plan.models().stream().map(ModelSetup::label).collect(Collectors.joining(", "))
                + ", each in its own JVM, one after another" + (plan.repeat() > 1 ? "; " + plan.repeat()
                + " trials each, in rounds that run every model once, each round starting one model later" : ""));
        out.println("flood:   " + FloodDescription.of(plan.flood()));
        if (plan.warmup() != null) {
            out.println("warm-up: " + FloodDescription.of(plan.warmup()) + ", per server, unmeasured");
        }
        for (ModelSetup setup : plan.models()) {
            if (!setup.serverArgs().isEmpty()) {
                out.println(String.format(Locale.ROOT, "%-8s %s", setup.label() + ":",
                        String.join(" ", setup.serverArgs())));
            }
            if (plan.capOf(setup.model()) != null) {
                out.println(String.format(Locale.ROOT, "%-8s %s", setup.label() + ":",
                        FloodDescription.cap(plan.capOf(setup.model()))));
            }
        }
        out.println();
    }

    /** The side-by-side table and the verdict. */
    public static void print(CompareResult result, PrintWriter out) {
        out.println();
        if (result.partial()) {
            out.println("PARTIAL: stopped by Ctrl-C; trials not reached are marked skipped.");
        }
        table(result.models(), out);
        out.println((result.repeat() > 1 ? "median [min-max] over " + result.repeat() + " trials per model; " : "")
                + "latency in ms; threads, RSS and CPU are the server's own, sampled every "
                + DurationConverter.format(result.plan().sampleInterval()) + " from /proc and its /metrics");
        out.println();
        out.println("noise:");
        for (String sentence : NoiseDescription.of(result.noise(), result.environment().cores())) {
            wrap("  - ", "    ", sentence, out);
        }
        out.println();
        out.println("verdict:");
        for (String sentence : result.verdict()) {
            wrap("  - ", "    ", sentence, out);
        }
        out.println();
        out.println("reproduce: " + result.command());
    }

    /** One row per model under the shared columns, each as wide as its widest cell. */
    static void table(List<ModelResult> models, PrintWriter out) {
        SummaryColumn[] columns = SummaryColumn.shown(models).toArray(SummaryColumn[]::new);
        int[] widths = new int[columns.length];
        List<String[]> rows = new ArrayList<>();
        for (int c = 0; c < columns.length; c++) {
            widths[c] = columns[c].header().length();
        }
        for (ModelResult model : models) {
            String[] row = new String[columns.length];
            for (int c = 0; c < columns.length; c++) {
                row[c] = columns[c].cell(model);
                widths[c] = Math.max(widths[c], row[c].length());
            }
            rows.add(row);
        }
        String[] header = new String[columns.length];
        for (int c = 0; c < columns.length; c++) {
            header[c] = columns[c].header();
        }
        out.println(line(columns, widths, header));
        rows.forEach(row -> out.println(line(columns, widths, row)));
    }

    private static String line(SummaryColumn[] columns, int[] widths, String[] cells) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < columns.length; c++) {
            boolean last = c == columns.length - 1;
            String format = columns[c].numeric() ? "%" + widths[c] + "s" : last ? "%s" : "%-" + widths[c] + "s";
            line.append(c == 0 ? "" : "  ").append(String.format(Locale.ROOT, format, cells[c]));
        }
        return line.toString().stripTrailing();
    }

    /**
     * Writes {@code text} in lines of at most {@link #WIDTH}, the first after {@code first}, the rest after
     * {@code rest}; a unit stays on the line of its number.
     */
    static void wrap(String first, String rest, String text, PrintWriter out) {
        StringBuilder line = new StringBuilder(first);
        boolean empty = true;
        for (String word : text.split(" ")) {
            if (!empty && line.length() + 1 + word.length() > WIDTH && !UNIT.matcher(word).matches()) {
                out.println(line);
                line = new StringBuilder(rest);
                empty = true;
            }
            line.append(empty ? "" : " ").append(word);
            empty = false;
        }
        out.println(line);
    }
}
