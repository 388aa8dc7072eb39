package org.c10klab.harness.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.c10klab.harness.experiment.CompareResult;
import org.c10klab.harness.experiment.ModelRun;
import org.c10klab.harness.report.html.CompareHtml;

/** The files a comparison writes besides each model's own results, one per format. */
public enum CompareFormat {
    /** The whole comparison: plan, environment, noise, every model's trials and spreads, the claims, the verdict. */
    JSON("compare.json"),
    /** One row per trial, in the order they ran. */
    CSV("compare.csv"),
    /** The self-contained report with charts. */
    HTML("report.html");

    /** The columns before {@link SummaryCsv}'s that place a trial: its model's label, its number, its turn, the load. */
    public static final String TRIAL_HEADER = "label,trial,order,load_average_1m";

    private final String fileName;

    CompareFormat(String fileName) {
        this.fileName = fileName;
    }

    /** The file this format is written to. */
    public String fileName() {
        return fileName;
    }

    /** Writes {@code result} in this format. */
    public void write(CompareResult result, Writer out) throws IOException {
        switch (this) {
            case JSON -> out.write(ResultJson.mapper().writeValueAsString(result));
            case CSV -> {
                out.write(TRIAL_HEADER + "," + SummaryCsv.HEADER + "\n");
                for (ModelRun run : result.trials()) {
                    out.write(trialCells(run) + "," + SummaryCsv.row(run) + "\n");
                }
            }
            case HTML -> out.write(CompareHtml.render(result));
        }
    }

    /** {@link #TRIAL_HEADER}'s cells of {@code run}, without a line end. */
    public static String trialCells(ModelRun run) {
        return String.join(",", Csv.text(run.label()), Integer.toString(run.trial()),
                Integer.toString(run.order()), run.loadAverage1m() == null ? "" : run.loadAverage1m().toString());
    }

    /** Where a trial's own results go, relative to the comparison's folder: e.g. {@code netty/trial-2}, {@code netty-2/trial-1}. */
    public static String trialFolder(ModelRun run) {
        return run.label().replace('#', '-') + "/trial-" + run.trial();
    }

    /**
     * Writes every format into {@code directory}, and each measured trial's results (as {@code c10k flood --out}
     * writes them) into its {@link #trialFolder}.
     *
     * @return the files written
     */
    public static List<Path> writeAll(CompareResult result, Path directory) throws IOException {
        Files.createDirectories(directory);
        List<Path> written = new ArrayList<>();
        for (ModelRun run : result.trials()) {
            if (run.artifacts() != null) {
                written.addAll(ResultFormat.writeAll(run.artifacts(), directory.resolve(trialFolder(run))));
            }
        }
        for (CompareFormat format : values()) {
            Path file = directory.resolve(format.fileName);
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                format.write(result, out);
            }
            written.add(file);
        }
        return written;
    }
}
