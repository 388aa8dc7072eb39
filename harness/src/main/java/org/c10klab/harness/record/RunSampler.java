package org.c10klab.harness.record;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.c10klab.harness.flood.LoadStages;
import org.c10klab.harness.flood.Stage;
import org.c10klab.harness.result.Rounding;
import org.c10klab.harness.result.TargetSample;
import org.c10klab.harness.result.TargetSummary;
import org.c10klab.harness.result.TimelinePoint;

/**
 * Takes the run's pulse at a fixed interval on its own thread: drains the latency recorders into
 * the whole-run histograms and the histogram log, samples the target, appends a timeline point and
 * hands it to the live progress display.
 */
public final class RunSampler implements AutoCloseable {

    private final FloodRecorder recorder;
    private final TargetProbe probe;
    private final Duration interval;
    private final Consumer<TimelinePoint> listener;
    private final LoadStages stages;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            runnable -> Thread.ofPlatform().daemon().name("flood-sampler").unstarted(runnable));
    private final List<TimelinePoint> timeline = new ArrayList<>();
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private HistogramLogWriter log;
    private long startNanos;
    private long lastNanos;
    private long lastRequestsOk;
    private TargetSample first;
    private TargetSample peak;
    private TargetSample last;
    private boolean stopped;

    /**
     * @param probe    the target's sources, or null when nothing is sampled
     * @param stages   the run's load shape, whose stage and planned value each point records; null for none
     * @param listener receives every point as it is taken, on the sampler thread
     */
    public RunSampler(FloodRecorder recorder, TargetProbe probe, Duration interval, LoadStages stages,
                      Consumer<TimelinePoint> listener) {
        this.recorder = recorder;
        this.probe = probe;
        this.interval = interval;
        this.stages = stages;
        this.listener = listener;
    }

    /** Takes a first target sample now, then samples every interval. */
    public synchronized void start(long runStartNanos, long runStartMillis) {
        startNanos = runStartNanos;
        lastNanos = runStartNanos;
        log = LatencyRecorder.newLog(logBytes, runStartMillis);
        if (probe != null) {
            first = probe.sample();
            peak = first;
            last = first;
        }
        long periodNanos = interval.toNanos();
        timer.scheduleAtFixedRate(this::tick, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
    }

    /** Stops the periodic sampling and takes the last point, so the whole-run histograms hold every sample. */
    public synchronized void stop() {
        if (!stopped) {
            stopped = true;
            timer.shutdownNow();
            sample();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Every point so far. */
    public synchronized List<TimelinePoint> timeline() {
        return List.copyOf(timeline);
    }

    /** First, peak and last target samples; null when nothing was sampled. */
    public synchronized TargetSummary targetSummary() {
        if (probe == null) {
            return null;
        }
        return new TargetSummary(probe.pid(), probe.metricsUrl(), first, peak, last, probe.errors());
    }

    /** The HdrHistogram interval log of connect and request latency, in HdrHistogram's text format. */
    public synchronized String histogramLog() {
        return logBytes.toString(StandardCharsets.UTF_8);
    }

    private synchronized void tick() {
        // A fixed-rate timer runs the ticks it missed back to back after a stall (a starved thread on a busy
        // machine): points a few microseconds apart would show 0 req/s and no p99, so those are skipped.
        if (!stopped && System.nanoTime() - lastNanos >= interval.toNanos() / 2) {
            sample();
        }
    }

    private void sample() {
        long now = System.nanoTime();
        recorder.connectLatency().flushInterval(log);
        Histogram requests = recorder.flushRequestInterval(log);
        recorder.clientStartLag().flushInterval(null);
        recorder.requestDueLag().flushInterval(null);
        // Each command's intervals go in the log too (tagged command_0, command_1, ...), so a merge of segments can add
        // them up to exact per-command percentiles.
        recorder.commandLatencies().forEach(command -> command.flushInterval(log));
        long requestsOk = recorder.requestsOk();
        double seconds = (now - lastNanos) / 1e9;
        double perSecond = seconds > 0 ? (requestsOk - lastRequestsOk) / seconds : 0;
        TargetSample target = null;
        if (probe != null) {
            target = probe.sample();
            peak = peak.max(target);
            last = target;
        }
        double elapsedSeconds = (now - startNanos) / 1e9;
        Double planned = stages == null ? null : Rounding.thousandths(stages.plannedAt(elapsedSeconds));
        boolean connectionStages = stages != null && stages.quantity() == Stage.Quantity.CONNECTIONS;
        TimelinePoint point = new TimelinePoint(Rounding.thousandths(elapsedSeconds), recorder.openConnections(),
                recorder.connectsOk(), recorder.connectsFailed(), requestsOk, recorder.requestsFailed(),
                Rounding.thousandths(perSecond),
                requests.getTotalCount() == 0 ? 0 : Rounding.thousandths(requests.getValueAtPercentile(99) / 1000.0),
                stages == null ? null : stages.stageAt(elapsedSeconds), connectionStages ? planned : null,
                connectionStages ? null : planned, target);
        timeline.add(point);
        lastNanos = now;
        lastRequestsOk = requestsOk;
        listener.accept(point);
    }
}
