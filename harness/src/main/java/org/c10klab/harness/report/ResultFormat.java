package org.c10klab.harness.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.c10klab.harness.report.html.FloodHtml;
import org.c10klab.harness.run.RunArtifacts;

/** The files {@code --out DIR} gets, one per format, each with its writer. */
public enum ResultFormat {
    /** The whole result tree. */
    JSON("results.json"),
    /** The timeline, one row per sample. */
    CSV("results.csv"),
    /** Outcomes and latency per command of the workload, and the totals. */
    COMMANDS_CSV("commands.csv"),
    /** The harness's meters at the end, in Prometheus text. */
    PROMETHEUS("metrics.prom"),
    /** Connect and request latency per interval, in HdrHistogram's log format, mergeable across machines. */
    HDR_LOG("latency.hlog"),
    /** The run for people: outcomes, latency, and charts of rate, latency, outcomes and the target over time. */
    HTML("report.html");

    private final String fileName;

    ResultFormat(String fileName) {
        this.fileName = fileName;
    }

    /** The file this format is written to. */
    public String fileName() {
        return fileName;
    }

    /** The writer of this format. */
    public ResultWriter writer() {
        return switch (this) {
            case JSON -> (artifacts, out) -> out.write(ResultJson.write(artifacts.result()));
            case CSV -> new TimelineCsvWriter();
            case COMMANDS_CSV -> new CommandsCsvWriter();
            case PROMETHEUS -> (artifacts, out) -> out.write(artifacts.prometheusText());
            case HDR_LOG -> (artifacts, out) -> out.write(artifacts.histogramLog());
            case HTML -> (artifacts, out) -> out.write(FloodHtml.render(artifacts));
        };
    }

    /**
     * Writes every format into {@code directory}, creating it if needed.
     *
     * @return the files written
     */
    public static List<Path> writeAll(RunArtifacts artifacts, Path directory)
            throws IOException {
        return write(artifacts, directory, EnumSet.allOf(ResultFormat.class));
    }

    /**
     * Writes {@code formats} into {@code directory}, creating it if needed.
     *
     * @return the files written
     */
    public static List<Path> write(RunArtifacts artifacts, Path directory, Set<ResultFormat> formats)
            throws IOException {
        Files.createDirectories(directory);
        List<Path> written = new ArrayList<>();
        for (ResultFormat format : formats) {
            Path file = directory.resolve(format.fileName);
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                format.writer().write(artifacts, out);
            }
            written.add(file);
        }
        return written;
    }
}
