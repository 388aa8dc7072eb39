package org.c10klab.harness.record;

import io.netty.util.concurrent.FastThreadLocal;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.HistogramLogWriter;
import org.HdrHistogram.SingleWriterRecorder;
import org.c10klab.harness.result.LatencySummary;
import org.c10klab.harness.result.Rounding;

/**
 * Latency for one phase of a run, in microseconds: one HdrHistogram {@link SingleWriterRecorder} per thread
 * that records (an event loop shares nothing with the others on each reply), all drained and added up every
 * sampling interval into a whole-run histogram that never forgets a sample, and into an HdrHistogram log of
 * intervals.
 */
public final class LatencyRecorder {

    /** Longest latency told apart: an hour, in microseconds; longer ones are recorded as an hour. */
    public static final long HIGHEST_TRACKABLE_MICROS = TimeUnit.HOURS.toMicros(1);
    /** Three significant digits: 0.1% resolution at every magnitude. */
    public static final int SIGNIFICANT_DIGITS = 3;

    /** Every thread's recorder so far; a thread adds its own at its first sample. */
    private final List<ThreadLatency> threads = new CopyOnWriteArrayList<>();
    private final FastThreadLocal<ThreadLatency> own = new FastThreadLocal<>() {
        @Override
        protected ThreadLatency initialValue() {
            ThreadLatency created = new ThreadLatency();
            threads.add(created);
            return created;
        }
    };
    private final Histogram total = newHistogram();
    private final Histogram interval = newHistogram();
    private final String tag;
    private long lastFlushMillis = System.currentTimeMillis();

    /** One thread's recorder, and the histogram its intervals are drained into (recycled by HdrHistogram). */
    private static final class ThreadLatency {
        final SingleWriterRecorder recorder = new SingleWriterRecorder(HIGHEST_TRACKABLE_MICROS, SIGNIFICANT_DIGITS);
        Histogram drained;
    }

    /** @param tag the name of this phase in the histogram log, e.g. {@code request} */
    public LatencyRecorder(String tag) {
        this.tag = tag;
    }

    /** Records one latency into the calling thread's own recorder; safe from any thread, wait-free. */
    public void record(long latencyNanos) {
        long micros = Math.max(0, TimeUnit.NANOSECONDS.toMicros(latencyNanos));
        own.get().recorder.recordValue(Math.min(micros, HIGHEST_TRACKABLE_MICROS));
    }

    /**
     * Drains what was recorded since the last call into the whole-run histogram.
     *
     * @param log where to append the interval as one log line, or null
     * @return the interval's histogram, valid until the next call
     */
    public synchronized Histogram flushInterval(HistogramLogWriter log) {
        interval.reset();
        for (ThreadLatency thread : threads) {
            thread.drained = thread.recorder.getIntervalHistogram(thread.drained);
            interval.add(thread.drained);
        }
        // As one Recorder stamps its intervals: from the previous drain (the first from construction) to now.
        long nowMillis = System.currentTimeMillis();
        interval.setStartTimeStamp(lastFlushMillis);
        interval.setEndTimeStamp(nowMillis);
        lastFlushMillis = nowMillis;
        total.add(interval);
        if (log != null) {
            interval.setTag(tag);
            log.outputIntervalHistogram(interval);
        }
        return interval;
    }

    /** Whole-run percentiles of everything flushed so far. */
    public synchronized LatencySummary summary() {
        return summarize(total);
    }

    /** A copy of the whole-run histogram of everything flushed so far. */
    public synchronized Histogram totalHistogram() {
        return total.copy();
    }

    /** A value {@code histogram} recorded, in seconds: the middle of its bucket, as HdrHistogram reports values. */
    public static double seconds(Histogram histogram, HistogramIterationValue recorded) {
        return histogram.medianEquivalentValue(recorded.getValueIteratedTo()) / 1e6;
    }

    private static Histogram newHistogram() {
        return new Histogram(HIGHEST_TRACKABLE_MICROS, SIGNIFICANT_DIGITS);
    }

    /** Percentiles of {@code histogram}, in milliseconds. */
    public static LatencySummary summarize(Histogram histogram) {
        long count = histogram.getTotalCount();
        if (count == 0) {
            return LatencySummary.EMPTY;
        }
        return new LatencySummary(count, millis(histogram.getMinValue()), Rounding.thousandths(histogram.getMean() / 1000.0),
                millis(histogram.getValueAtPercentile(50)), millis(histogram.getValueAtPercentile(90)),
                millis(histogram.getValueAtPercentile(99)), millis(histogram.getValueAtPercentile(99.9)),
                millis(histogram.getMaxValue()));
    }

    /** A fresh log writer on {@code out}, with the header lines HdrHistogram's tools expect. */
    public static HistogramLogWriter newLog(ByteArrayOutputStream out, long startMillis) {
        HistogramLogWriter log = new HistogramLogWriter(new PrintStream(out, true, StandardCharsets.UTF_8));
        log.outputComment("c10k flood latency, microseconds; tags: connect, request, and command_N per command of "
                + "the workload");
        log.outputLogFormatVersion();
        log.outputStartTime(startMillis);
        log.setBaseTime(startMillis);
        log.outputLegend();
        return log;
    }

    private static double millis(long micros) {
        return Rounding.thousandths(micros / 1000.0);
    }
}
