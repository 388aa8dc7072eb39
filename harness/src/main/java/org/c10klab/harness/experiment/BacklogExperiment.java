package org.c10klab.harness.experiment;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.c10klab.harness.launch.HarnessChild;
import org.c10klab.harness.launch.NetworkNamespace;
import org.c10klab.harness.launch.ServerProcess;
import org.c10klab.harness.record.EnvironmentProbe;
import org.c10klab.harness.report.ResultJson;
import org.c10klab.harness.result.TimelinePoint;

/**
 * The "tune the backlog" experiment: every burst size against every backlog, one cell after the
 * other, each with a fresh server, on the host or each in a private network namespace.
 */
public final class BacklogExperiment {

    /** The hidden {@code c10k backlog} option that runs one cell, given as settings JSON, and prints it as JSON. */
    public static final String CELL_OPTION = "--cell";

    /** Hears about the cells as they run. */
    public interface Listener {

        /** Cell {@code number} of {@code total} is about to start. */
        void cellStarting(int number, int total, int backlog, int burst);

        /** A timeline point of the flood in progress (cells run in this JVM only). */
        void progress(TimelinePoint point);

        /** A cell is done, after {@code seconds} including its server's start and stop. */
        void cellFinished(BacklogCell cell, double seconds);
    }

    /** A namespaced cell's JVM, beyond its flood and its clients' patience: server start, warm-up, stop. */
    private static final Duration CELL_OVERHEAD = ServerProcess.STARTUP_TIMEOUT.plus(ServerProcess.STOP_TIMEOUT)
            .plusSeconds(30);

    private final BacklogSettings settings;
    private volatile boolean stopped;
    private volatile BacklogCellTrial current;

    public BacklogExperiment(BacklogSettings settings) {
        this.settings = settings;
    }

    /**
     * Runs every cell, or until {@link #stop()}.
     *
     * @throws IOException when a server or a namespace cannot be set up
     */
    public BacklogResult run(Listener listener) throws IOException, InterruptedException {
        HostSettings before = HostSettings.read();
        List<BacklogCell> cells = new ArrayList<>();
        int total = settings.backlogs().size() * settings.connections().size();
        for (int burst : settings.connections()) {
            for (int backlog : settings.backlogs()) {
                if (stopped) {
                    break;
                }
                listener.cellStarting(cells.size() + 1, total, backlog, burst);
                long startNanos = System.nanoTime();
                BacklogCell cell = settings.netns() ? inNamespace(backlog, burst) : here(backlog, burst, listener);
                if (cell == null) {
                    break;
                }
                cells.add(cell);
                listener.cellFinished(cell, (System.nanoTime() - startNanos) / 1e9);
            }
        }
        return new BacklogResult(settings, EnvironmentProbe.probe(), cells, BacklogAdvice.advise(settings, cells),
                before, HostSettings.read(), stopped);
    }

    /** Ctrl-C: the cell in progress ends early and no further cell starts. Any thread. */
    public void stop() {
        stopped = true;
        BacklogCellTrial trial = current;
        if (trial != null) {
            trial.stop();
        }
    }

    private BacklogCell here(int backlog, int burst, Listener listener) throws IOException, InterruptedException {
        BacklogCellTrial trial = new BacklogCellTrial(settings);
        current = trial;
        try {
            return trial.run(backlog, burst, listener::progress);
        } finally {
            current = null;
        }
    }

    /**
     * The cell in a child JVM inside a fresh namespace, so the server, the flood and the TcpExt
     * counters all live there; the namespace's own sysctls are set first. Null when stopped.
     */
    private BacklogCell inNamespace(int backlog, int burst) throws IOException, InterruptedException {
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
                return ResultJson.mapper().readValue(output, BacklogCell.class).inNamespace(namespace.name());
            } catch (IOException e) {
                if (stopped) {
                    return null; // Ctrl-C reached the child too; its cell is lost, the others stand
                }
                throw e;
            }
        }
    }
}
