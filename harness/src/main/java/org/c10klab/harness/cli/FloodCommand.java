package org.c10klab.harness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.c10klab.harness.experiment.CompareDefaults;
import org.c10klab.harness.experiment.ServerWarmup;
import org.c10klab.harness.flood.FileBudget;
import org.c10klab.harness.flood.FloodConfig;
import org.c10klab.harness.flood.FloodDefaults;
import org.c10klab.harness.flood.Outcome;
import org.c10klab.harness.launch.PrometheusTargets;
import org.c10klab.harness.report.ConsoleReport;
import org.c10klab.harness.report.OutputFolder;
import org.c10klab.harness.report.ProgressPrinter;
import org.c10klab.harness.report.ResultFormat;
import org.c10klab.harness.report.Threshold;
import org.c10klab.harness.result.FloodResult;
import org.c10klab.harness.result.TimelinePoint;
import org.c10klab.harness.run.ColdTarget;
import org.c10klab.harness.run.FailedRun;
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
            "Loopback targets only, unless --allow-remote.",
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
        })
public final class FloodCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--target", required = true, paramLabel = "HOST:PORT",
            description = "The server to flood, e.g. 127.0.0.1:7379 or [::1]:7379.")
    String target;

    @Option(names = "--allow-remote",
            description = "Allow a target outside 127.0.0.0/8 and ::1. Only for machines you own.")
    boolean allowRemote;

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
        FloodConfig warmup;
        try {
            config = config();
            warmup = warmupTarget == null ? null : ServerWarmup.forTarget(config, warmupTarget);
            address = LoadTarget.resolve(target, "--target", "flood", allowRemote);
            clientTransport = TransportSelection.select(config.transport());
            sampling = sampling();
            thresholds = flood.thresholds();
            OutputFolder.requireUsable(out);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        PrometheusTargets targets = prometheusTargets();
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
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
                artifacts = run.run();
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
        FloodResult measured = artifacts.result();
        FloodResult result = measured.withChecks(thresholds.stream().map(t -> t.evaluate(measured)).toList());
        ConsoleReport.print(result, stdout);
        if (out != null) {
            ResultFormat.writeAll(artifacts.withResult(result), out);
            stdout.println("results written to " + out.toAbsolutePath());
        }
        stdout.flush();
        warnIfCold(result, stderr);
        if (result.run().partial()) {
            return ExitCode.INTERRUPTED;
        }
        Optional<String> failed = FailedRun.reason(result);
        if (failed.isPresent()) {
            stderr.println("c10k flood: " + failed.get());
            stderr.flush();
            return ExitCode.FAILED;
        }
        return result.checksPassed() ? ExitCode.OK : ExitCode.ASSERT_FAILED;
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

    /** The flood these options describe. */
    FloodConfig config() {
        return flood.config(target);
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
