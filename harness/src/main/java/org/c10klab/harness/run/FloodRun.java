package org.c10klab.harness.run;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.c10klab.harness.flood.CommandSpec;
import org.c10klab.harness.flood.FloodConfig;
import org.c10klab.harness.flood.FloodDefaults;
import org.c10klab.harness.flood.FloodEngine;
import org.c10klab.harness.flood.FloodSegment;
import org.c10klab.harness.flood.Outcome;
import org.c10klab.harness.record.EnvironmentProbe;
import org.c10klab.harness.record.FloodRecorder;
import org.c10klab.harness.record.HarnessLagWatch;
import org.c10klab.harness.record.ListenQueueCounters;
import org.c10klab.harness.record.MetricsScraper;
import org.c10klab.harness.record.ProcessSampler;
import org.c10klab.harness.record.RunSampler;
import org.c10klab.harness.record.TargetProbe;
import org.c10klab.harness.record.TcpExtCounters;
import org.c10klab.harness.result.CommandResult;
import org.c10klab.harness.result.Environment;
import org.c10klab.harness.result.FloodResult;
import org.c10klab.harness.result.HarnessLag;
import org.c10klab.harness.result.LatencySummary;
import org.c10klab.harness.result.ListenQueueDrops;
import org.c10klab.harness.result.OutcomeCounts;
import org.c10klab.harness.result.RequestAccounting;
import org.c10klab.harness.result.Rounding;
import org.c10klab.harness.result.RunInfo;
import org.c10klab.harness.result.TimelinePoint;
import org.c10klab.server.transport.TransportSelection;

/**
 * One flood from start to result: engine, recorder, sampler and the kernel counters around it. The
 * command line, tests and later experiments all run floods through here.
 */
public final class FloodRun {

    /** The least time a target's /metrics gets to answer one scrape. */
    static final Duration MIN_SCRAPE_TIMEOUT = Duration.ofSeconds(1);

    private final FloodConfig config;
    private final InetSocketAddress target;
    private final TransportSelection transport;
    private final SamplingOptions sampling;
    private final Consumer<TimelinePoint> progress;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final FloodRecorder recorder;
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private volatile FloodEngine engine;
    private volatile boolean stopRequested;

    /**
     * @param target    resolved, and checked against the loopback rule by the caller
     * @param transport the client transport, e.g. {@code TransportSelection.select(config.transport())}
     * @param sampling  what to watch of the target
     * @param progress  receives each timeline point as it is taken (the live status line), on the sampler thread
     */
    public FloodRun(FloodConfig config, InetSocketAddress target, TransportSelection transport,
                    SamplingOptions sampling, Consumer<TimelinePoint> progress) {
        this.config = config;
        this.target = target;
        this.transport = transport;
        this.sampling = sampling;
        this.progress = progress;
        this.recorder = new FloodRecorder(registry, config.workload().commands(), config.connectTimeout(),
                config.responseTimeout(), FloodRecorder.DEFAULT_DISTRIBUTION_EXPIRY);
        ListenQueueCounters.bindTo(registry);
    }

    /** The harness's live meters, e.g. for {@code --metrics-port}. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /**
     * Runs the flood to its end, or until {@link #stop()} and a short grace period. Call it once.
     *
     * @return the result (marked partial when stopped) and the raw material of the reports
     */
    public RunArtifacts run() throws InterruptedException {
        return run(null, FloodSegment.WHOLE);
    }

    /**
     * As {@link #run()}, for {@code segment} of a larger flood (the config given is its share), starting no
     * earlier than {@code startAt} (after the warm-up), so segments on several machines begin together; a time
     * already past starts it at once. The result's {@code started_at} is the actual start.
     *
     * @param startAt when to start, or null for at once
     * @param segment which part of a larger flood this is; decides the loopback source addresses
     */
    public RunArtifacts run(Instant startAt, FloodSegment segment) throws InterruptedException {
        if (config.warmup() && !stopRequested) {
            Warmup.run(config, transport.transport());
        }
        if (startAt != null) {
            stopSignal.await(Math.max(0, Duration.between(Instant.now(), startAt).toNanos()), TimeUnit.NANOSECONDS);
        }
        Environment environment = EnvironmentProbe.probe();
        Instant startedAt = Instant.now();
        Optional<TcpExtCounters> kernelBefore = TcpExtCounters.read();
        HarnessLagWatch harness = HarnessLagWatch.start();
        TargetProbe probe = probe();
        RunSampler sampler = new RunSampler(recorder, probe, sampling.interval(), config.loadStages(), progress);
        sampler.start(System.nanoTime(), startedAt.toEpochMilli());
        FloodEngine started = new FloodEngine(config, target, transport.transport(), recorder, segment);
        engine = started;
        double elapsedSeconds;
        try {
            started.start();
            if (stopRequested) {
                started.stop();
            }
            awaitEnd(started);
            harness.floodDone();
            // The flood's own time, for req/s: not the sampler's first probe of the target, nor its last.
            elapsedSeconds = started.elapsed().toNanos() / 1e9;
        } finally {
            sampler.stop();
            started.close();
        }
        HarnessLag harnessLag = harness.stop(recorder, config.openModel());
        Optional<TcpExtCounters> kernelAfter = TcpExtCounters.read();
        // The namespace's accept queues say something about the target only when it listens on this machine.
        Optional<ListenQueueDrops> listenQueue = isLocal(target)
                ? ListenQueueCounters.delta(kernelBefore.flatMap(ListenQueueCounters::of),
                        kernelAfter.flatMap(ListenQueueCounters::of))
                : Optional.empty();
        Long synRetransmits = TcpExtCounters.rise(kernelBefore, kernelAfter, TcpExtCounters.SYN_RETRANSMITS);
        LatencySummary connectLatency = recorder.connectLatency().summary();
        OutcomeCounts connections = recorder.connectOutcomes();
        OutcomeCounts requests = recorder.requestOutcomes();
        RequestAccounting accounting = recorder.accounting();
        RunInfo run = new RunInfo(startedAt.toString(), Rounding.thousandths(elapsedSeconds), stopRequested,
                stopRequested ? "interrupted" : "completed", transport.transport().cliName(), transport.describe(),
                config.threads(), sampling.interval().toMillis());
        List<String> notes = new ArrayList<>(OutcomeNotes.explain(config, environment, connections, requests,
                accounting, listenQueue.orElse(null), synRetransmits));
        SlowConnectNote.explain(config, connections, connectLatency, synRetransmits, harnessLag).ifPresent(notes::add);
        FloodResult result = new FloodResult(config, null, environment, run, connections, requests, accounting,
                Rounding.thousandths(requests.count(Outcome.OK) / Math.max(elapsedSeconds, 1e-9)),
                connectLatency, recorder.requestLatency().summary(), commandResults(), sampler.targetSummary(),
                listenQueue.orElse(null), synRetransmits, harnessLag, notes, List.of(), sampler.timeline());
        return new RunArtifacts(result, registry.scrape(), sampler.histogramLog(),
                recorder.connectLatency().totalHistogram(), recorder.requestLatency().totalHistogram());
    }

    private List<CommandResult> commandResults() {
        List<CommandResult> results = new ArrayList<>();
        for (int i = 0; i < config.commands().size(); i++) {
            CommandSpec command = config.commands().get(i);
            results.add(new CommandResult(command.text(), command.weight(), recorder.commandOutcomes(i),
                    recorder.commandNils(i), recorder.commandLatencies().get(i).summary()));
        }
        return results;
    }

    /** Ctrl-C: start nothing more, close every connection; {@link #run()} returns a partial result. Any thread. */
    public void stop() {
        stopRequested = true;
        stopSignal.countDown();
        FloodEngine current = engine;
        if (current != null) {
            current.stop();
        }
    }

    private void awaitEnd(FloodEngine started) throws InterruptedException {
        Duration poll = Duration.ofMillis(50);
        long stopSeenNanos = 0;
        while (!started.awaitFinished(poll)) {
            if (stopRequested) {
                if (stopSeenNanos == 0) {
                    stopSeenNanos = System.nanoTime();
                } else if (System.nanoTime() - stopSeenNanos > FloodDefaults.STOP_GRACE.toNanos()) {
                    return;
                }
            }
        }
    }

    /** True when {@code target} is an address of this machine, loopback or not. */
    private static boolean isLocal(InetSocketAddress target) {
        try {
            InetAddress address = target.getAddress();
            return address.isLoopbackAddress() || NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return false;
        }
    }

    private TargetProbe probe() {
        ProcessSampler process = sampling.targetPid() == null ? null : new ProcessSampler(sampling.targetPid());
        // A loaded target answers its /metrics slowly; a late sample beats a lost one.
        Duration scrapeTimeout = sampling.interval().multipliedBy(4);
        MetricsScraper metrics = sampling.targetMetricsUrl() == null ? null
                : new MetricsScraper(sampling.targetMetricsUrl(),
                        scrapeTimeout.compareTo(MIN_SCRAPE_TIMEOUT) < 0 ? MIN_SCRAPE_TIMEOUT : scrapeTimeout);
        return process == null && metrics == null ? null : new TargetProbe(process, metrics);
    }
}
