package org.c10klab.harness.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.c10klab.harness.experiment.ModelRun;
import org.c10klab.harness.experiment.SweepCell;
import org.c10klab.harness.experiment.SweepResult;
import org.c10klab.harness.report.html.SweepHtml;

/** The files a sweep writes besides each value's comparison, one per format. */
public enum SweepFormat {
    /** The whole sweep: every value's comparison, the trends. */
    JSON("sweep.json"),
    /** One row per value and trial. */
    CSV("sweep.csv"),
    /** The self-contained report with the matrices and charts against the value. */
    HTML("sweep.html");

    private final String fileName;

    SweepFormat(String fileName) {
        this.fileName = fileName;
    }

    /** The file this format is written to. */
    public String fileName() {
        return fileName;
    }

    /** Writes {@code result} in this format. */
    public void write(SweepResult result, Writer out) throws IOException {
        switch (this) {
            case JSON -> out.write(ResultJson.mapper().writeValueAsString(result));
            case CSV -> {
                out.write("parameter,value," + CompareFormat.TRIAL_HEADER + "," + SummaryCsv.HEADER + "\n");
                for (SweepCell cell : result.cells()) {
                    for (ModelRun run : cell.result().trials()) {
                        out.write(Csv.row(List.of(result.parameter(), cell.value())) + ","
                                + CompareFormat.trialCells(run) + "," + SummaryCsv.row(run) + "\n");
                    }
                }
            }
            case HTML -> out.write(SweepHtml.render(result));
        }
    }

    /** The folder of one value's comparison, e.g. {@code connections=200} or {@code command=SLEEP_100}. */
    public static String folder(String parameter, String value) {
        return parameter + "=" + value.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /**
     * Writes every format into {@code directory}, and each value's comparison into its {@link #folder}.
     *
     * @return the files written
     */
    public static List<Path> writeAll(SweepResult result, Path directory) throws IOException {
        Files.createDirectories(directory);
        List<Path> written = new ArrayList<>();
        for (SweepCell cell : result.cells()) {
            written.addAll(CompareFormat.writeAll(cell.result(), directory.resolve(folder(result.parameter(),
                    cell.value()))));
        }
        for (SweepFormat format : values()) {
            Path file = directory.resolve(format.fileName);
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                format.write(result, out);
            }
            written.add(file);
        }
        return written;
    }
}
