package org.c10klab.harness.merge;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.c10klab.harness.report.ResultFormat;
import org.c10klab.harness.report.ResultJson;
import org.c10klab.harness.result.FloodResult;

/**
 * What one segment's {@code flood --segment I/N --out DIR} left: its result and its latency intervals, each
 * interval histogram stamped with wall-clock start and end times and tagged {@code connect} or {@code request}.
 *
 * @param folder    where it was read from, as given
 * @param result    its results.json
 * @param intervals its latency.hlog, in order
 */
public record SegmentOutput(Path folder, FloodResult result, List<Histogram> intervals) {

    public SegmentOutput {
        intervals = List.copyOf(intervals);
    }

    /**
     * Reads a segment's output folder.
     *
     * @throws IllegalArgumentException naming the folder and what is wrong with it
     */
    public static SegmentOutput read(Path folder) {
        Path json = folder.resolve(ResultFormat.JSON.fileName());
        Path log = folder.resolve(ResultFormat.HDR_LOG.fileName());
        if (!Files.isRegularFile(json) || !Files.isRegularFile(log)) {
            throw new IllegalArgumentException(folder + ": no " + json.getFileName() + " and " + log.getFileName()
                    + " (expected the --out folder of a c10k flood --segment I/N)");
        }
        FloodResult result;
        try {
            result = ResultJson.read(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(json + ": not a flood's results (" + e.getMessage() + ")", e);
        }
        if (result.segment() == null) {
            throw new IllegalArgumentException(folder + ": the results of a whole flood, not of a segment "
                    + "(expected a c10k flood --segment I/N)");
        }
        return new SegmentOutput(folder, result, intervals(log));
    }

    /** Every interval tagged {@code tag}, e.g. {@code request}. */
    public List<Histogram> intervals(String tag) {
        return intervals.stream().filter(h -> tag.equals(h.getTag())).toList();
    }

    private static List<Histogram> intervals(Path log) {
        List<Histogram> intervals = new ArrayList<>();
        try (InputStream in = Files.newInputStream(log); HistogramLogReader reader = new HistogramLogReader(in)) {
            for (EncodableHistogram next = reader.nextIntervalHistogram(); next != null;
                    next = reader.nextIntervalHistogram()) {
                intervals.add((Histogram) next);
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(log + ": not an HdrHistogram log (" + e.getMessage() + ")", e);
        }
        return intervals;
    }
}
