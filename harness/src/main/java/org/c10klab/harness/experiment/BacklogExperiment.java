package org.c10klab.harness.experiment;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.c10klab.harness.launch.HarnessChild;
import org.c10klab.harness.launch.NetworkNamespace;
import org.c10klab.harness.launch.ServerProcess;
import org.c10klab.harness.record.EnvironmentProbe;
import org.c10klab.harness.report.ResultJson;
import org.c10klab.harness.result.TimelinePoint;

/**
 * The "tune the backlog" experiment: every burst size against every backlog, each cell tried
 * {@code repeat} times in interleaved rounds (round 1 runs every cell once, round 2 every cell again ...),
 * so drift in the machine hits every cell alike; every trial with a fresh server, on the host or each in a
 * private network namespace.
 */
public final class BacklogExperiment {

    /** The hidden {@code c10k backlog} option that runs one cell, given as settings JSON, and prints it as JSON. */
    public static final String CELL_OPTION = "--cell";

    /** Hears about the trials as they run. */
    public interface Listener {

        /** Trial {@code number} of {@code total} is about to start: round {@code round} of the cell. */
        void trialStarting(int number, int total, int backlog, int burst, int round);

        /** A timeline point of the flood in progress (trials run in this JVM only). */
        void progress(TimelinePoint point);

        /** A trial is done, after {@code seconds} including its server's start and stop. */
        void trialFinished(BacklogRun run, double seconds);
    }

    /** A namespaced cell's JVM, beyond its flood and its clients' patience: server start, warm-up, stop. */
    private static final Duration CELL_OVERHEAD = ServerProcess.STARTUP_TIMEOUT.plus(ServerProcess.STOP_TIMEOUT)
            .plusSeconds(30);

    /** A cell's place in the grid: one burst size against one backlog. */
    private record CellKey(int burst, int backlog) {
    }

    private final BacklogSettings settings;
    private final int repeat;
    private volatile boolean stopped;
    private volatile BacklogCellTrial current;

    /**
     * @param repeat trials per cell, at least 1
     */
    public BacklogExperiment(BacklogSettings settings, int repeat) {
        if (repeat < 1) {
            throw new IllegalArgumentException("repeat: " + repeat + " (expected: >= 1)");
        }
        this.settings = settings;
        this.repeat = repeat;
    }

    /**
     * Runs every trial of every cell, or until {@link #stop()}.
     *
     * @throws IOException when a server or a namespace cannot be set up
     */
    public BacklogResult run(Listener listener) throws IOException, InterruptedException {
        HostSettings before = HostSettings.read();
        Map<CellKey, List<BacklogRun>> trials = new LinkedHashMap<>();
        for (int burst : settings.connections()) {
            for (int backlog : settings.backlogs()) {
                trials.put(new CellKey(burst, backlog), new ArrayList<>());
            }
        }
        int total = trials.size() * repeat;
        int started = 0;
        for (int round = 1; round <= repeat && !stopped; round++) {
            for (Map.Entry<CellKey, List<BacklogRun>> cell : trials.entrySet()) {
                if (stopped) {
                    break;
                }
                int burst = cell.getKey().burst();
                int backlog = cell.getKey().backlog();
                listener.trialStarting(++started, total, backlog, burst, round);
                long startNanos = System.nanoTime();
                BacklogRun run = settings.netns() ? inNamespace(round, backlog, burst)
                        : here(round, backlog, burst, listener);
                if (run == null) {
                    break; // stopped while the trial ran in its namespace
                }
                cell.getValue().add(run);
                listener.trialFinished(run, (System.nanoTime() - startNanos) / 1e9);
            }
        }
        List<BacklogCell> cells = trials.entrySet().stream().filter(cell -> !cell.getValue().isEmpty())
                .map(cell -> new BacklogCell(cell.getKey().backlog(), cell.getKey().burst(), cell.getValue()))
                .toList();
        return new BacklogResult(settings, repeat, EnvironmentProbe.probe(), cells,
                BacklogAdvice.advise(settings, cells), before, HostSettings.read(), stopped);
    }

    /** Ctrl-C: the trial in progress ends early and no further trial starts. Any thread. */
    public void stop() {
        stopped = true;
        BacklogCellTrial trial = current;
        if (trial != null) {
            trial.stop();
        }
    }

    private BacklogRun here(int round, int backlog, int burst, Listener listener)
            throws IOException, InterruptedException {
        BacklogCellTrial trial = new BacklogCellTrial(settings);
        current = trial;
        try {
            return trial.run(round, backlog, burst, listener::progress);
        } finally {
            current = null;
        }
    }

    /**
     * The trial in a child JVM inside a fresh namespace, so the server, the flood, the TcpExt counters
     * and the socket table all live there; the namespace's own sysctls are set first. Null when stopped.
     */
    private BacklogRun inNamespace(int round, int backlog, int burst) throws IOException, InterruptedException {
        try (NetworkNamespace namespace = NetworkNamespace.create()) {
            if (settings.tcpAbortOnOverflow() != null) {
                namespace.sysctl("net.ipv4.tcp_abort_on_overflow", settings.tcpAbortOnOverflow());
            }
            if (settings.somaxconn() != null) {
                namespace.sysctl("net.core.somaxconn", settings.somaxconn());
            }
            String cellJson = ResultJson.mapper().writeValueAsString(settings.cell(backlog, burst));
            Duration limit = settings.connectTimeout().plus(settings.responseTimeout()).plus(CELL_OVERHEAD);
            try {
                String output = HarnessChild.run(namespace.wrap(List.of()), List.of(),
                        List.of("backlog", CELL_OPTION, cellJson), limit);
                return ResultJson.mapper().readValue(output, BacklogRun.class).ranAs(round, namespace.name());
            } catch (IOException e) {
                if (stopped) {
                    return null; // Ctrl-C reached the child too; its trial is lost, the others stand
                }
                throw e;
            }
        }
    }
}
