package org.c10klab.harness.experiment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the backlog experiment asks: which server drains the accept queue how slowly, which backlogs
 * and burst sizes it crosses, how patient the clients are, and where it runs.
 *
 * @param server             the model under test; serial serves one connection at a time by nature
 * @param backlogs           the listen backlogs to try, each a column of cells
 * @param connections        the burst sizes to try, each a row of cells
 * @param sleep              how long the server holds each connection (its {@code SLEEP}): how slowly it drains
 * @param connectTimeout     how long a client waits for its connect
 * @param responseTimeout    how long a connected client waits for its reply
 * @param maxConnections     for every model but serial: connections served at once ({@code --max-connections})
 * @param netns              run each cell in a private network namespace
 * @param tcpAbortOnOverflow net.ipv4.tcp_abort_on_overflow inside the namespace, or null for its default
 * @param somaxconn          net.core.somaxconn inside the namespace, or null for its default
 */
public record BacklogSettings(LabModel server, List<Integer> backlogs, List<Integer> connections, Duration sleep,
                              Duration connectTimeout, Duration responseTimeout, int maxConnections, boolean netns,
                              Integer tcpAbortOnOverflow, Integer somaxconn) {

    public BacklogSettings {
        backlogs = List.copyOf(backlogs);
        connections = List.copyOf(connections);
        require(!backlogs.isEmpty() && backlogs.stream().allMatch(b -> b >= 1),
                "backlog: " + backlogs + " (expected: one or more values >= 1)");
        require(!connections.isEmpty() && connections.stream().allMatch(c -> c >= 1),
                "connections: " + connections + " (expected: one or more values >= 1)");
        require(sleep.toMillis() >= 1, "sleep: " + sleep + " (expected: >= 1ms)");
        require(maxConnections >= 1, "max connections: " + maxConnections + " (expected: >= 1)");
        // Changing a kernel setting is only safe where nothing else lives: never on the host.
        require(netns || (tcpAbortOnOverflow == null && somaxconn == null),
                "--tcp-abort-on-overflow and --somaxconn change kernel settings; they apply only inside a private "
                        + "network namespace: add --netns");
        require(tcpAbortOnOverflow == null || tcpAbortOnOverflow == 0 || tcpAbortOnOverflow == 1,
                "tcp_abort_on_overflow: " + tcpAbortOnOverflow + " (expected: 0 or 1)");
        require(somaxconn == null || somaxconn >= 1, "somaxconn: " + somaxconn + " (expected: >= 1)");
    }

    /** The same settings for one cell, run here (the form a namespaced child receives). */
    public BacklogSettings cell(int backlog, int burst) {
        return new BacklogSettings(server, List.of(backlog), List.of(burst), sleep, connectTimeout, responseTimeout,
                maxConnections, false, null, null);
    }

    /** Connections the server itself holds, off the accept queue, while it serves. */
    public int heldByServer() {
        return server == LabModel.SERIAL ? 1 : maxConnections;
    }

    /** The server's options for one cell, after the model's own (see {@link ModelTrial}). */
    public List<String> serverOptions(int backlog) {
        List<String> args = new ArrayList<>(List.of("--backlog", Integer.toString(backlog)));
        if (server != LabModel.SERIAL) {
            args.addAll(List.of("--max-connections", Integer.toString(maxConnections)));
        }
        args.addAll(SleepBurst.STOP_PROMPTLY);
        return args;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
