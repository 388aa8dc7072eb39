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
    /** The whole comparison: plan, environment, every model's summary, the verdict. */
    JSON("compare.json"),
    /** One row per model. */
    CSV("compare.csv"),
    /** The self-contained report with charts. */
    HTML("report.html");

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
                out.write(SummaryCsv.HEADER + "\n");
                for (ModelRun run : result.runs()) {
                    out.write(SummaryCsv.row(run) + "\n");
                }
            }
            case HTML -> out.write(CompareHtml.render(result));
        }
    }

    /**
     * Writes every format into {@code directory}, and each measured model's results (as {@code c10k flood --out}
     * writes them) into a folder named after the model.
     *
     * @return the files written
     */
    public static List<Path> writeAll(CompareResult result, Path directory) throws IOException {
        Files.createDirectories(directory);
        List<Path> written = new ArrayList<>();
        for (ModelRun run : result.runs()) {
            if (run.artifacts() != null) {
                written.addAll(ResultFormat.writeAll(run.artifacts(), directory.resolve(run.model().cliName())));
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
