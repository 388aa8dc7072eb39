package org.c10klab.harness.record;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.c10klab.harness.flood.FloodObserver;
import org.c10klab.harness.flood.Outcome;
import org.c10klab.harness.result.OutcomeCounts;
import org.c10klab.harness.result.RequestAccounting;
import org.c10klab.server.observe.LatencyBuckets;

/**
 * Records a flood for the final report (whole-run HdrHistograms, each thread recording into its own, and outcome
 * tallies) and for anyone reading live: Micrometer meters whose histogram buckets Prometheus turns into
 * percentiles over any window. The meters of per-reply events are read from the tallies and histograms at
 * scrape time, so a reply updates nothing shared. Micrometer's own client-side percentiles would decay with its
 * distribution expiry and cost more per sample than the rest together, so none are published.
 */
public final class FloodRecorder implements FloodObserver {

    /** Micrometer's default window for its time-windowed statistics (max; histograms in some registries). */
    public static final Duration DEFAULT_DISTRIBUTION_EXPIRY = Duration.ofMinutes(2);

    private final Timer connectTimer;
    /** {@code harness.request}: built at scrape time from {@link #requestLatency}, not updated per reply. */
    private final ScrapedLatencyHistogram requestMeter;
    private final OutcomeTally connectOutcomes = new OutcomeTally();
    private final OutcomeTally requestOutcomes = new OutcomeTally();
    private final LatencyRecorder connectLatency = new LatencyRecorder(HarnessMeters.PHASE_CONNECT);
    private final LatencyRecorder requestLatency = new LatencyRecorder(HarnessMeters.PHASE_REQUEST);
    private final LatencyRecorder clientStartLag = new LatencyRecorder("client_start_lag");
    private final LatencyRecorder requestDueLag = new LatencyRecorder("request_due_lag");
    /** Per command of the workload, by its number: an array, so a reply costs no lookup. */
    private final LatencyRecorder[] commandLatency;
    private final OutcomeTally[] commandOutcomes;
    private final LongAdder[] commandNils;
    private final AtomicLong open = new AtomicLong();
    private final LongAccumulator peakOpen = new LongAccumulator(Math::max, 0);
    private final LongAdder attempts = new LongAdder();
    private final LongAdder sent = new LongAdder();
    private final LongAdder unsent = new LongAdder();
    private final LongAdder unanswered = new LongAdder();

    /**
     * @param registry           where the live meters go
     * @param commands           how many commands the workload mixes; each gets its own latency and outcomes
     * @param connectTimeout     the top bucket of {@code harness.connect}: who beat the timeout
     * @param responseTimeout    likewise for {@code harness.request}
     * @param distributionExpiry how long Micrometer keeps samples for its time-windowed statistics
     */
    public FloodRecorder(MeterRegistry registry, int commands, Duration connectTimeout, Duration responseTimeout,
                         Duration distributionExpiry) {
        commandLatency = new LatencyRecorder[commands];
        commandOutcomes = new OutcomeTally[commands];
        commandNils = new LongAdder[commands];
        for (int i = 0; i < commands; i++) {
            commandLatency[i] = new LatencyRecorder("command_" + i);
            commandOutcomes[i] = new OutcomeTally();
            commandNils[i] = new LongAdder();
        }
        connectTimer = LatencyBuckets.timer(HarnessMeters.CONNECT, "time to connect, successful attempts",
                        connectTimeout)
                .distributionStatisticExpiry(distributionExpiry)
                .register(registry);
        requestMeter = new ScrapedLatencyHistogram(HarnessMeters.REQUEST_SECONDS,
                "time to a reply, from the intended send time in the open model", LatencyBuckets.upTo(responseTimeout),
                requestLatency, registry.config().clock(), distributionExpiry);
        // Only a Prometheus registry is ever scraped; the warm-up's simple registry publishes nothing.
        if (registry instanceof PrometheusMeterRegistry prometheus) {
            prometheus.getPrometheusRegistry().register(requestMeter);
        }
        // Counters read from the tallies at scrape time: one increment per event, not two. Only the
        // combinations that can happen are published, so no series is zero by construction.
        for (Outcome outcome : Outcome.values()) {
            if (outcome.canEndAttempt()) {
                counter(registry, HarnessMeters.PHASE_CONNECT, outcome, connectOutcomes);
            }
            if (outcome.canEndRequest()) {
                counter(registry, HarnessMeters.PHASE_REQUEST, outcome, requestOutcomes);
            }
        }
        Gauge.builder(HarnessMeters.CONNECTIONS_OPEN, open, AtomicLong::get)
                .description("connections open now")
                .register(registry);
    }

    @Override
    public void clientStarted(long lagNanos) {
        clientStartLag.record(lagNanos);
    }

    @Override
    public void connectAttempted() {
        attempts.increment();
    }

    @Override
    public void connected(long connectNanos) {
        connectTimer.record(connectNanos, TimeUnit.NANOSECONDS);
        connectLatency.record(connectNanos);
        connectOutcomes.add(Outcome.OK, null);
        peakOpen.accumulate(open.incrementAndGet());
    }

    @Override
    public void connectFailed(Outcome outcome, String detail) {
        connectOutcomes.add(outcome, detail);
    }

    @Override
    public void disconnected(boolean unansweredConnection) {
        open.decrementAndGet();
        if (unansweredConnection) {
            unanswered.increment();
        }
    }

    @Override
    public void requestSent() {
        sent.increment();
    }

    @Override
    public void answered(int command, long latencyNanos, boolean nil, String errorMessage) {
        if (nil) {
            commandNils[command].increment();
        }
        requestLatency.record(latencyNanos);
        commandLatency[command].record(latencyNanos);
        Outcome outcome = errorMessage == null ? Outcome.OK : Outcome.ERROR_REPLY;
        requestOutcomes.add(outcome, errorMessage);
        commandOutcomes[command].add(outcome, errorMessage);
    }

    @Override
    public void requestFailed(int command, Outcome outcome, String detail) {
        requestOutcomes.add(outcome, detail);
        commandOutcomes[command].add(outcome, detail);
    }

    @Override
    public void requestDue(long lagNanos) {
        requestDueLag.record(lagNanos);
    }

    @Override
    public void requestsUnsent(long count) {
        unsent.add(count);
    }

    /** Connection latency, whole run. */
    public LatencyRecorder connectLatency() {
        return connectLatency;
    }

    /** Request latency, whole run. */
    public LatencyRecorder requestLatency() {
        return requestLatency;
    }

    /**
     * Drains the request latency recorded since the last call, as {@link LatencyRecorder#flushInterval} does, and
     * hands the interval to the published {@code harness.request} meter.
     */
    public Histogram flushRequestInterval(HistogramLogWriter log) {
        Histogram interval = requestLatency.flushInterval(log);
        requestMeter.intervalDrained(interval);
        return interval;
    }

    /** Request latency of each command of the workload, by number, whole run. */
    public List<LatencyRecorder> commandLatencies() {
        return List.of(commandLatency);
    }

    /** How the sent requests of command {@code command} (by number) ended so far. */
    public OutcomeCounts commandOutcomes(int command) {
        return commandOutcomes[command].snapshot();
    }

    /** Replies to command {@code command} (by number) that were nil so far, e.g. GETs that missed. */
    public long commandNils(int command) {
        return commandNils[command].sum();
    }

    /** How late the harness started each client against the connect schedule, whole run. */
    public LatencyRecorder clientStartLag() {
        return clientStartLag;
    }

    /** How late the harness took up each open-model request against its intended send time, whole run. */
    public LatencyRecorder requestDueLag() {
        return requestDueLag;
    }

    /** How the connection attempts ended so far. */
    public OutcomeCounts connectOutcomes() {
        return connectOutcomes.snapshot();
    }

    /** How the sent requests ended so far. */
    public OutcomeCounts requestOutcomes() {
        return requestOutcomes.snapshot();
    }

    /** Connections open now. */
    public long openConnections() {
        return open.get();
    }

    /** Attempts that connected so far. */
    public long connectsOk() {
        return connectOutcomes.count(Outcome.OK);
    }

    /** Attempts that failed so far. */
    public long connectsFailed() {
        return connectOutcomes.failed();
    }

    /** Requests answered ok so far. */
    public long requestsOk() {
        return requestOutcomes.count(Outcome.OK);
    }

    /** Requests that failed so far, error replies included. */
    public long requestsFailed() {
        return requestOutcomes.failed();
    }

    /** The independent counts the outcomes must add up to. */
    public RequestAccounting accounting() {
        return new RequestAccounting(attempts.sum(), sent.sum(), unsent.sum(), unanswered.sum(), peakOpen.get());
    }

    private static void counter(MeterRegistry registry, String phase, Outcome outcome, OutcomeTally tally) {
        FunctionCounter.builder(HarnessMeters.OUTCOMES, tally, counts -> counts.count(outcome))
                .description("how connection attempts and requests ended")
                .tag(HarnessMeters.TAG_PHASE, phase)
                .tag(HarnessMeters.TAG_OUTCOME, outcome.label())
                .register(registry);
    }
}
