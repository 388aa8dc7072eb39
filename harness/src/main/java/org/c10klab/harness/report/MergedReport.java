package org.c10klab.harness.report;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.c10klab.harness.result.MergedSegments;
import org.c10klab.harness.run.RunArtifacts;

/** What a merged flood ({@code c10k merge}, {@code flood --workers}) prints and writes: the whole, then each segment. */
public final class MergedReport {

    /** The per-segment table's file. */
    public static final String SEGMENTS_FILE = "segments.json";

    private MergedReport() {
    }

    /** The whole flood's report, then the per-segment table. */
    public static void print(RunArtifacts merged, MergedSegments table, PrintWriter out) {
        ConsoleReport.print(merged.result(), out);
        out.println();
        SegmentTable.print(table, out);
    }

    /**
     * Writes results.json, results.csv, latency.hlog and segments.json into {@code directory}. The segments' meters
     * cannot be added up as Prometheus text: each segment's metrics.prom stays with it.
     */
    public static void write(RunArtifacts merged, MergedSegments table, Path directory) throws IOException {
        ResultFormat.write(merged, directory, EnumSet.of(ResultFormat.JSON, ResultFormat.CSV, ResultFormat.COMMANDS_CSV,
                ResultFormat.HDR_LOG, ResultFormat.HTML));
        Files.writeString(directory.resolve(SEGMENTS_FILE), ResultJson.mapper().writeValueAsString(table));
    }
}
