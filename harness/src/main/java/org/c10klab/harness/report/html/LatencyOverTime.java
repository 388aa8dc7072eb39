package org.c10klab.harness.report.html;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.c10klab.harness.report.svg.Series;

/**
 * Latency percentiles per sampling interval, read back from a flood's HdrHistogram interval log (latency.hlog):
 * the timeline keeps only each interval's p99, the log keeps every interval's whole histogram.
 */
final class LatencyOverTime {

    /** The percentiles drawn, each a line. */
    private static final double[] PERCENTILES = {50, 90, 99};

    private LatencyOverTime() {
    }

    /**
     * One series per percentile (p50, p90, p99) of the intervals tagged {@code tag}, x in seconds since the run
     * started, y in milliseconds; intervals without samples are left out.
     */
    static List<Series> of(String histogramLog, String tag) {
        List<List<Series.Point>> lines = new ArrayList<>();
        for (int i = 0; i < PERCENTILES.length; i++) {
            lines.add(new ArrayList<>());
        }
        HistogramLogReader reader = new HistogramLogReader(
                new ByteArrayInputStream(histogramLog.getBytes(StandardCharsets.UTF_8)));
        for (EncodableHistogram next = reader.nextIntervalHistogram(); next != null;
                next = reader.nextIntervalHistogram()) {
            if (!tag.equals(next.getTag()) || !(next instanceof Histogram interval) || interval.getTotalCount() == 0) {
                continue;
            }
            double seconds = interval.getEndTimeStamp() / 1000.0 - reader.getStartTimeSec();
            for (int i = 0; i < PERCENTILES.length; i++) {
                lines.get(i).add(new Series.Point(seconds, interval.getValueAtPercentile(PERCENTILES[i]) / 1000.0));
            }
        }
        List<Series> series = new ArrayList<>();
        for (int i = 0; i < PERCENTILES.length; i++) {
            series.add(new Series("p" + (int) PERCENTILES[i], lines.get(i)));
        }
        return series;
    }
}
