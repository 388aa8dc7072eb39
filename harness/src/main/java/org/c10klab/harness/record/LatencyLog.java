package org.c10klab.harness.record;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.HistogramLogReader;

/**
 * Reads a run's HdrHistogram interval log back into whole-run histograms, for reports that need
 * every sample rather than percentiles: when each connect succeeded, how long each client waited.
 */
public final class LatencyLog {

    private LatencyLog() {
    }

    /**
     * Sums every interval tagged {@code tag} in {@code log}.
     *
     * @param tag {@link HarnessMeters#PHASE_CONNECT} or {@link HarnessMeters#PHASE_REQUEST}
     * @return the histogram, in microseconds; empty when the log has no such interval
     */
    public static Histogram total(String log, String tag) {
        Histogram total = new Histogram(LatencyRecorder.HIGHEST_TRACKABLE_MICROS, LatencyRecorder.SIGNIFICANT_DIGITS);
        HistogramLogReader reader = new HistogramLogReader(
                new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)));
        for (EncodableHistogram interval = reader.nextIntervalHistogram(); interval != null;
                interval = reader.nextIntervalHistogram()) {
            if (tag.equals(interval.getTag()) && interval instanceof Histogram histogram) {
                total.add(histogram);
            }
        }
        return total;
    }

    /** Every recorded value of {@code histogram}, one entry per sample, ascending, in seconds. */
    public static List<Double> samplesInSeconds(Histogram histogram) {
        List<Double> samples = new ArrayList<>();
        for (HistogramIterationValue value : histogram.recordedValues()) {
            double seconds = histogram.medianEquivalentValue(value.getValueIteratedTo()) / 1e6;
            for (long i = 0; i < value.getCountAtValueIteratedTo(); i++) {
                samples.add(seconds);
            }
        }
        return samples;
    }
}
