package org.c10klab.harness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.c10klab.harness.experiment.CompareDefaults;
import org.c10klab.harness.experiment.ServerWarmup;
import org.c10klab.harness.flood.FileBudget;
import org.c10klab.harness.flood.FloodConfig;
import org.c10klab.harness.flood.FloodDefaults;
import org.c10klab.harness.flood.FloodSegment;
import org.c10klab.harness.flood.Outcome;
import org.c10klab.harness.launch.PrometheusTargets;
import org.c10klab.harness.report.ConsoleReport;
import org.c10klab.harness.report.OutputFolder;
import org.c10klab.harness.report.ProgressPrinter;
import org.c10klab.harness.report.ResultFormat;
import org.c10klab.harness.report.Threshold;
import org.c10klab.harness.result.FloodResult;
import org.c10klab.harness.result.Segment;
import org.c10klab.harness.result.TimelinePoint;
import org.c10klab.harness.run.ColdTarget;
import org.c10klab.harness.run.FloodRun;
import org.c10klab.harness.run.RunArtifacts;
import org.c10klab.harness.run.SamplingOptions;
import org.c10klab.server.LoadTarget;
import org.c10klab.server.observe.MetricsHttpServer;
import org.c10klab.server.transport.TransportSelection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code c10k flood}: the load driver and referee, from options to a result, a report and an exit code. */
@Command(name = "flood", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Open connections to a server, send requests, and referee how every connection attempt and "
                    + "every request ended, with latency percentiles and what the target did meanwhile.",
            "Loopback targets only, unless --allow-remote names the target.",
        },
        footer = {
            "",
            "Outcomes, counted per connection attempt and per request, never merged:",
            "  " + "ok, refused, connect_timeout, reset, closed, response_timeout, error_reply, protocol_error, "
                    + "local_limit, cancelled, error",
            "Exit codes: 0 done and every --assert passed; 1 an --assert failed; 2 bad usage; 3 no connection "
                    + "could be made or no request succeeded (one line on stderr says which); 130 stopped by Ctrl-C "
                    + "or SIGTERM (partial results are still printed and written).",
            "Examples:",
            "  c10k flood --target 127.0.0.1:7379 --connections 200 --command \"SLEEP 100\"",
            "  c10k flood --target 127.0.0.1:7379 -c 50 --duration 30s --rate 5000 --assert \"p99<10ms\"",
            "  c10k flood --target 127.0.0.1:9000 --protocol raw --payload 'hello\\n' --reconnect -n 5",
            "  c10k flood --target 127.0.0.1:7379 -c 2000 --segment 0/2 --start-at 2026-05-01T12:00:00Z --out seg0",
        })
public final class FloodCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--target", required = true, paramLabel = "HOST:PORT",
            description = "The server to flood, e.g. 127.0.0.1:7379 or [::1]:7379.")
    String target;

    @Option(names = "--allow-remote", paramLabel = "HOST",
            description = "Allow this target outside 127.0.0.0/8 and ::1, named as in --target (its HOST or "
                    + "HOST:PORT), so a flood goes only where it was explicitly sent. Only for machines you own.")
    String allowRemote;

    @Mixin
    FloodOptions flood;

    @Option(names = "--warmup-target", paramLabel = "AMOUNT",
            description = "Before the measured flood, send an unmeasured warm-up to the target: AMOUNT PINGs in "
                    + "total (e.g. 5000), or PINGs for a duration (e.g. 2s), from up to "
                    + CompareDefaults.WARMUP_CONNECTIONS + " connections (raw targets get --payload). A JVM server "
                    + "interprets its hot paths at first; compare warms every server this way.")
    String warmupTarget;

    @Option(names = "--target-pid", paramLabel = "PID",
            description = "Sample this local process's threads, memory, CPU and open files from /proc.")
    Long targetPid;

    @Option(names = "--target-metrics", paramLabel = "URL",
            description = "Scrape the target's Prometheus endpoint, e.g. http://127.0.0.1:9464/metrics.")
    String targetMetrics;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Write results.json, results.csv (the timeline), commands.csv (per command), metrics.prom, "
                    + "latency.hlog and report.html into DIR.")
    Path out;

    @Option(names = "--segment", paramLabel = "I/N", defaultValue = "0/1",
            description = "Run only segment I (from 0) of N equal parts of this flood, e.g. on N machines; "
                    + "c10k merge adds the N results up to the whole flood's (default: the whole flood).")
    String segment;

    @Option(names = "--start-at", paramLabel = "TIME",
            description = "Start the flood (after the warm-up) at this UTC time, e.g. 2026-05-01T12:00:00Z, so "
                    + "segments begin together; a time already past starts at once.")
    String startAt;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "1",
            description = "Run the flood as N segments in N child JVMs started together, each with its own open-file "
                    + "limit and, on a loopback target, its own source addresses; one progress line, merged at the "
                    + "end, the split shown per worker; more workers than cores compile with C1 alone "
                    + "(default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Serve the harness's live meters at http://127.0.0.1:PORT/metrics during the run "
                    + "(0 = any free port).")
    Integer metricsPort;

    @Option(names = "--prometheus-sd", paramLabel = "FILE",
            description = "While the flood runs, list the harness's live meters (on --metrics-port, else on any "
                    + "free port) and the --target-metrics endpoint in FILE for Prometheus's file-based service "
                    + "discovery (file_sd_configs, as deploy/prometheus/prometheus.yml reads it); emptied at the end.")
    Path prometheusSd;

    @Override
    public Integer call() throws IOException, InterruptedException {
        FloodConfig config;
        InetSocketAddress address;
        TransportSelection clientTransport;
        SamplingOptions sampling;
        List<Threshold> thresholds;
        FloodSegment part;
        Instant start;
        FloodConfig warmup;
        try {
            part = FloodSegment.parse(segment);
            start = startAt == null ? null : parseStartAt(startAt);
            config = config();
            warmup = warmupTarget == null ? null : ServerWarmup.forTarget(config, warmupTarget);
            address = LoadTarget.resolve(target, "--target", "flood", remoteAllowed());
            clientTransport = TransportSelection.select(config.transport());
            sampling = sampling();
            thresholds = flood.thresholds();
            OutputFolder.requireUsable(out);
            requireWorkable(part);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        PrometheusTargets targets = prometheusTargets();
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        if (workers > 1) {
            return WorkerFlood.run(spec.commandLine().getParseResult(), workers, config.connections(), start, out,
                    thresholds, flood.quiet, stdout, stderr);
        }
        warnAboutFileLimit(config, stderr);

        ProgressPrinter progress = flood.quiet ? null
                : new ProgressPrinter(stderr, ProgressPrinter.stderrIsTerminal(), config.connections());
        Consumer<TimelinePoint> listener = progress == null ? point -> { } : progress;
        FloodRun run = new FloodRun(config, address, clientTransport, sampling, listener);
        FloodRun warmupRun = warmup == null ? null
                : new FloodRun(warmup, address, TransportSelection.select(warmup.transport()), SamplingOptions.none(),
                        point -> { });
        RunArtifacts artifacts;
        // The harness's /health is UP for as long as it serves at all: while the flood runs.
        boolean serveMetrics = metricsPort != null || targets != null;
        try (StopOnSignal ignored = new StopOnSignal(() -> {
                if (warmupRun != null) {
                    warmupRun.stop();
                }
                run.stop();
            });
             MetricsHttpServer live = !serveMetrics ? null : new MetricsHttpServer(
                     InetAddress.getLoopbackAddress().getHostAddress(), metricsPort == null ? 0 : metricsPort,
                     run.registry()::scrape, () -> true, Map.of())) {
            if (live != null) {
                stderr.println("harness metrics: http://" + live.address() + "/metrics");
                stderr.flush();
            }
            if (warmupRun != null) {
                warmupRun.run();
            }
            if (targets != null) {
                targets.publish(scrapeTargets(live.address()));
            }
            try {
                artifacts = run.run(start, part);
            } finally {
                if (targets != null) {
                    targets.publish(List.of());
                }
            }
        } finally {
            if (progress != null) {
                progress.finish();
            }
        }
        FloodResult measured = part.whole() ? artifacts.result() : artifacts.result().withSegment(
                new Segment(part.index(), part.count(), flood.config(target), start == null ? null : start.toString()));
        FloodResult result = measured.withChecks(thresholds.stream().map(t -> t.evaluate(measured)).toList());
        ConsoleReport.print(result, stdout);
        if (out != null) {
            ResultFormat.writeAll(artifacts.withResult(result), out);
            stdout.println("results written to " + out.toAbsolutePath());
        }
        stdout.flush();
        warnIfCold(result, stderr);
        return ExitCode.of(result, true, "flood", stderr);
    }

    /**
     * The flood that {@code c10k flood ARGS} describes, without running it; for experiments and tests
     * that reuse the command line's defaults and checks.
     *
     * @throws IllegalArgumentException when the arguments are not a valid flood
     */
    public static FloodConfig parseConfig(String... args) {
        FloodCommand command = new FloodCommand();
        try {
            new CommandLine(command).parseArgs(args);
        } catch (ParameterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return command.config();
    }

    /** The flood these options describe: this segment's share of it. */
    FloodConfig config() {
        return FloodSegment.parse(segment).of(flood.config(target));
    }

    // --allow-remote must name the target itself: a manifest or script cannot carry a blanket permission.
    private boolean remoteAllowed() {
        if (allowRemote == null) {
            return false;
        }
        String host = target.substring(0, Math.max(0, target.lastIndexOf(':')));
        if (!allowRemote.equalsIgnoreCase(target) && !allowRemote.equalsIgnoreCase(host)) {
            throw new IllegalArgumentException("--allow-remote " + allowRemote + " does not name the target "
                    + target + " (expected its HOST or HOST:PORT)");
        }
        return true;
    }

    private void requireWorkable(FloodSegment part) {
        if (workers < 1) {
            throw new IllegalArgumentException("--workers: " + workers + " (expected: >= 1)");
        }
        if (workers > 1 && !part.whole()) {
            throw new IllegalArgumentException("--workers runs every segment itself: give --workers or --segment, "
                    + "not both");
        }
        if (workers > 1 && metricsPort != null) {
            throw new IllegalArgumentException("--metrics-port serves one process's meters: not with --workers");
        }
        if (workers > 1 && prometheusSd != null) {
            // Every worker would list its own meters in the one file, each overwriting the others.
            throw new IllegalArgumentException("--prometheus-sd lists one process's meters: not with --workers");
        }
        // The last worker has the smallest share: if it gets a connection, every worker does.
        new FloodSegment(workers - 1, workers).of(flood.config(target));
    }

    private static Instant parseStartAt(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--start-at '" + text + "' is not a UTC time (expected e.g. "
                    + "2026-05-01T12:00:00Z)", e);
        }
    }

    private SamplingOptions sampling() {
        if (targetPid != null && ProcessHandle.of(targetPid).isEmpty()) {
            throw new IllegalArgumentException("--target-pid " + targetPid + ": no such process");
        }
        if (targetMetrics != null) {
            URI uri = URI.create(targetMetrics);
            if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("--target-metrics '" + targetMetrics
                        + "' is not an http URL (expected e.g. http://127.0.0.1:9464/metrics)");
            }
        }
        return new SamplingOptions(targetPid, targetMetrics, flood.sampleInterval);
    }

    // Once, after the report: the figures above then include the target's own warm-up.
    private void warnIfCold(FloodResult result, PrintWriter stderr) {
        ColdTarget.evidence(result.timeline()).ifPresent(evidence -> {
            stderr.println("warning: the target looks cold: " + evidence + (warmupTarget == null
                    ? "; --warmup-target 2s (or a request count) warms it up, unmeasured, before the flood."
                    : "; a longer --warmup-target than " + warmupTarget + " may help."));
            stderr.flush();
        });
    }

    private PrometheusTargets prometheusTargets() {
        if (prometheusSd == null) {
            return null;
        }
        try {
            return new PrometheusTargets(prometheusSd);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "--prometheus-sd: cannot write " + prometheusSd + ": "
                    + e.getMessage(), e);
        }
    }

    /** The harness's endpoint and, when given, the target's: its meters carry their model themselves. */
    private List<PrometheusTargets.Target> scrapeTargets(String harnessAddress) {
        List<PrometheusTargets.Target> targets = new ArrayList<>();
        targets.add(new PrometheusTargets.Target(harnessAddress,
                Map.of(PrometheusTargets.LABEL_JOB, PrometheusTargets.JOB_HARNESS)));
        if (targetMetrics != null) {
            // HOST:PORT, or HOST alone, for which Prometheus takes http's port.
            targets.add(new PrometheusTargets.Target(URI.create(targetMetrics).getAuthority(),
                    Map.of(PrometheusTargets.LABEL_JOB, PrometheusTargets.JOB_SERVER)));
        }
        return targets;
    }

    // Say before the run, not after, when the harness itself cannot hold what was asked.
    private static void warnAboutFileLimit(FloodConfig config, PrintWriter stderr) {
        Long limit = FileBudget.openFileLimit();
        long sockets = FileBudget.forThisProcess().left();
        if (limit == null || config.reconnect() || config.connections() <= sockets) {
            return;
        }
        stderr.printf(Locale.ROOT, "note: %d connections asked, but this process may open %d files (ulimit -n), "
                + "has %d open and keeps %d for itself: about %d attempts will end as %s. The harness, not the "
                + "server, will be the limit.%n", config.connections(), limit, FileBudget.openFiles(),
                FloodDefaults.RESERVED_FILES, config.connections() - sockets, Outcome.LOCAL_LIMIT.label());
        stderr.flush();
    }
}
