package org.c10klab.harness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.c10klab.harness.experiment.BacklogCellTrial;
import org.c10klab.harness.experiment.BacklogDefaults;
import org.c10klab.harness.experiment.BacklogExperiment;
import org.c10klab.harness.experiment.BacklogResult;
import org.c10klab.harness.experiment.BacklogRun;
import org.c10klab.harness.experiment.BacklogSettings;
import org.c10klab.harness.experiment.ClientOutcomes;
import org.c10klab.harness.experiment.HandshakeEvidence;
import org.c10klab.harness.experiment.LabModel;
import org.c10klab.harness.launch.NetworkNamespace;
import org.c10klab.harness.report.BacklogChart;
import org.c10klab.harness.report.BacklogCsv;
import org.c10klab.harness.report.BacklogReport;
import org.c10klab.harness.report.OutputFolder;
import org.c10klab.harness.report.ResultJson;
import org.c10klab.server.DurationConverter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code c10k backlog}: the "tune the backlog" experiment, from options to a report and backlog.json/csv/md. */
@Command(name = "backlog", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Tune the listen backlog: bursts of clients against a slowly draining server, every backlog against "
                    + "every burst size, and what backlog your burst needs.",
            "For each cell, --repeat times in interleaved rounds: start a fresh server, open the whole burst at "
                    + "once, and count how each client ended (ok, connect_timeout, connected but unanswered, reset, "
                    + "refused), with the queue capacity, the TcpExtListenOverflows rise, when the connects succeeded "
                    + "(the SYN retransmit steps), the server port's sockets read from /proc/net/tcp meanwhile "
                    + "(clients ESTABLISHED that the server never queued) and the kernel settings that decided it.",
            "Reports each cell's spread over its trials (e.g. connected 3-10 (median 4)) and says from the kernel's "
                    + "evidence why trials differed. A trial takes as long as a cell did with one: the defaults (8 "
                    + "cells, 3 trials each) took 6.3 minutes on a busy 2-core machine.",
        },
        footer = {
            "",
            "Exit codes: 0 done; 2 bad usage; 3 a server or namespace failed, or the host's settings changed; "
                    + "130 stopped by Ctrl-C (finished trials are still reported and written).",
            "Examples:",
            "  c10k backlog",
            "  c10k backlog --backlog 1 -c 10 --repeat 5",
            "  c10k backlog --backlog 1,16 --connections 20 --sleep 10s --connect-timeout 2s",
            "  sudo c10k backlog --netns --tcp-abort-on-overflow 1 --somaxconn 32",
        })
public final class BacklogCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--backlog", split = ",", paramLabel = "N", defaultValue = BacklogDefaults.BACKLOGS,
            description = "The listen backlogs to try (default: ${DEFAULT-VALUE}).")
    List<Integer> backlogs;

    @Option(names = {"-c", "--connections"}, split = ",", paramLabel = "N",
            defaultValue = BacklogDefaults.CONNECTIONS,
            description = "The burst sizes to try, each opened all at once (default: ${DEFAULT-VALUE}).")
    List<Integer> connections;

    @Option(names = "--server", paramLabel = "MODEL", defaultValue = BacklogDefaults.SERVER,
            description = "The model that drains the queue: serial (one connection at a time), or netty, virtual, "
                    + "threads, pool limited by --max-connections (default: ${DEFAULT-VALUE}).")
    String server;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = BacklogDefaults.MAX_CONNECTIONS,
            description = "For a --server other than serial: connections it serves at once; the rest wait in the "
                    + "accept queue (default: ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(names = "--sleep", paramLabel = "D", defaultValue = BacklogDefaults.SLEEP,
            converter = DurationConverter.class,
            description = "How long the server holds each connection: how slowly it drains "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration sleep;

    @Option(names = "--connect-timeout", paramLabel = "D", defaultValue = BacklogDefaults.CONNECT_TIMEOUT,
            converter = DurationConverter.class,
            description = "How long a client waits to connect; past 5s it sees the SYN retransmits at 1, 2, 3, 4, 5 s "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration connectTimeout;

    @Option(names = "--response-timeout", paramLabel = "D", defaultValue = BacklogDefaults.RESPONSE_TIMEOUT,
            converter = DurationConverter.class,
            description = "How long a connected client waits for its reply (default: ${DEFAULT-VALUE}).")
    Duration responseTimeout;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = BacklogDefaults.REPEAT,
            description = "Trials per cell, each with a fresh server, in interleaved rounds (every cell once, then "
                    + "every cell again ...). At least 3 to see the spread; 1 is an anecdote (default: "
                    + "${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--netns",
            description = "Run each cell in its own network namespace (root only): server, clients and TcpExt "
                    + "counters there, apart from the host.")
    boolean netns;

    @Option(names = "--tcp-abort-on-overflow", paramLabel = "0|1",
            description = "With --netns: net.ipv4.tcp_abort_on_overflow inside the namespaces; 1 resets a handshake "
                    + "that completes into a full queue. The host keeps its own.")
    Integer tcpAbortOnOverflow;

    @Option(names = "--somaxconn", paramLabel = "N",
            description = "With --netns: net.core.somaxconn inside the namespaces, to watch it clamp the backlog. "
                    + "The host keeps its own.")
    Integer somaxconn;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Write backlog.json, backlog.csv, backlog.md and its chart into DIR "
                    + "(default: results/backlog-<time>).")
    Path out;

    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr.")
    boolean quiet;

    @Option(names = BacklogExperiment.CELL_OPTION, hidden = true, paramLabel = "SETTINGS_JSON",
            description = "Run the one cell these settings describe here and print it as JSON (what --netns runs "
                    + "inside each namespace).")
    String cell;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (cell != null) {
            return runCell();
        }
        BacklogExperiment experiment;
        try {
            BacklogSettings settings = new BacklogSettings(LabModel.fromCliName(server), backlogs, connections, sleep,
                    connectTimeout, responseTimeout, maxConnections, netns, tcpAbortOnOverflow, somaxconn);
            experiment = new BacklogExperiment(settings, repeat);
            OutputFolder.requireUsable(out);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        if (netns && !NetworkNamespace.runningAsRoot()) {
            stderr.println("c10k backlog --netns: creating a network namespace needs root ('ip netns add'). "
                    + "Run it as root, or without --netns (the host's own settings then apply, unchanged).");
            return ExitCode.USAGE;
        }
        BacklogResult result;
        try (StopOnSignal ignored = new StopOnSignal(experiment::stop)) {
            result = experiment.run(new Progress(stderr, quiet));
        } catch (IOException e) {
            stderr.println("c10k backlog: " + e.getMessage());
            return ExitCode.FAILED;
        }
        stdout.print(BacklogReport.markdown(result));
        Path directory = out != null ? out : OutputFolder.timestamped("backlog");
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("backlog.json"), ResultJson.mapper().writeValueAsString(result),
                StandardCharsets.UTF_8);
        Files.writeString(directory.resolve("backlog.csv"), BacklogCsv.write(result), StandardCharsets.UTF_8);
        Files.writeString(directory.resolve("backlog.md"), BacklogReport.markdown(result), StandardCharsets.UTF_8);
        Files.writeString(directory.resolve(BacklogChart.FILE_NAME), BacklogChart.svg(result), StandardCharsets.UTF_8);
        stdout.println();
        stdout.println("results written to " + directory.toAbsolutePath());
        stdout.flush();
        if (result.partial()) {
            return ExitCode.INTERRUPTED;
        }
        return result.hostUnchanged() ? ExitCode.OK : ExitCode.FAILED;
    }

    /** Inside a namespace: one trial of one cell, its JSON on stdout and nothing else there. */
    private int runCell() throws IOException, InterruptedException {
        BacklogSettings settings = ResultJson.mapper().readValue(cell, BacklogSettings.class);
        // Trial 1 here; the parent, which knows the round, numbers it.
        BacklogRun result = new BacklogCellTrial(settings)
                .run(1, settings.backlogs().getFirst(), settings.connections().getFirst(), point -> { });
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println(ResultJson.mapper().writeValueAsString(result));
        stdout.flush();
        return 0;
    }

    /** One line per trial on stderr as it starts and ends, with the live flood line between on a terminal. */
    private static final class Progress extends LiveProgress implements BacklogExperiment.Listener {

        Progress(PrintWriter stderr, boolean quiet) {
            super(stderr, quiet);
        }

        @Override
        public void trialStarting(int number, int total, int backlog, int burst, int round) {
            starting(burst, "[%d/%d] burst %d, backlog %d, trial %d ...%n", number, total, burst, backlog, round);
        }

        @Override
        public void trialFinished(BacklogRun run, double seconds) {
            endLiveLine();
            if (quiet) {
                return;
            }
            ClientOutcomes clients = run.clients();
            HandshakeEvidence evidence = run.handshakes();
            stderr.printf(Locale.ROOT, "      ok %d, connected %d, connect_timeout %d, unanswered %d, reset %d, "
                            + "refused %d; connect times %s; overflows %s; not queued %s (%.1f s)%n", clients.ok(),
                    run.connected(), clients.connectTimeout(), clients.connectedUnanswered(), clients.reset(),
                    clients.refused(), run.connectTimesText(),
                    run.listenQueue() == null ? "?" : "+" + run.listenQueue().listenOverflows(),
                    evidence == null || evidence.samples() == 0 ? "?" : evidence.notQueuedPeak(), seconds);
            stderr.flush();
        }
    }
}
