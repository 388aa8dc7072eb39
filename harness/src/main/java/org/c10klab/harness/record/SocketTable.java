package org.c10klab.harness.record;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.c10klab.harness.result.PortSockets;

/**
 * Reads the kernel's TCP socket tables, /proc/net/tcp and /proc/net/tcp6 (what {@code ss -tan} shows), and
 * counts the sockets of one listening port by side and state. On loopback both ends of a connection are
 * listed: the server side has the port as its local port, the client side as its remote port.
 */
public final class SocketTable {

    /**
     * IPv4 first: a client there that is ESTABLISHED already had its server side when the table was read, so
     * reading the servers' IPv6 table after it cannot miss one (Java's servers listen on dual-stack sockets).
     */
    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));

    /** The {@code st} column's codes, from include/net/tcp_states.h. */
    private static final int ESTABLISHED = 0x01;
    private static final int SYN_SENT = 0x02;
    private static final int SYN_RECV = 0x03;
    private static final int LISTEN = 0x0A;

    /** One line of the table: its ports, state and receive queue (for a listener, its accept queue's length). */
    private record Entry(int localPort, int remotePort, int state, long receiveQueue) {
    }

    private SocketTable() {
    }

    /** The sockets of {@code port} in this network namespace now; empty when neither table can be read. */
    public static Optional<PortSockets> forPort(int port) {
        List<String> lines = new ArrayList<>();
        boolean read = false;
        for (Path table : TABLES) {
            try {
                lines.addAll(Files.readAllLines(table));
                read = true;
            } catch (IOException e) {
                // tcp6 is absent on a kernel without IPv6; the other table still counts
            }
        }
        return read ? Optional.of(count(lines, port)) : Optional.empty();
    }

    /** Counts the lines of both tables, headers included, that belong to {@code port}. */
    static PortSockets count(List<String> lines, int port) {
        List<Entry> clients = new ArrayList<>();
        Map<Integer, Integer> serverStateByClientPort = new HashMap<>();
        Integer acceptQueue = null;
        int serverEstablished = 0;
        int serverSynRecv = 0;
        for (String line : lines) {
            Entry entry = parse(line);
            if (entry == null) {
                continue;
            }
            if (entry.localPort() == port) {
                switch (entry.state()) {
                    case LISTEN -> acceptQueue = (acceptQueue == null ? 0 : acceptQueue) + (int) entry.receiveQueue();
                    case ESTABLISHED -> serverEstablished++;
                    case SYN_RECV -> serverSynRecv++;
                    default -> { }
                }
                serverStateByClientPort.put(entry.remotePort(), entry.state());
            } else if (entry.remotePort() == port) {
                clients.add(entry);
            }
        }
        int established = 0;
        int synSent = 0;
        int halfOpen = 0;
        int stateless = 0;
        for (Entry client : clients) {
            if (client.state() == SYN_SENT) {
                synSent++;
            } else if (client.state() == ESTABLISHED) {
                established++;
                Integer serverSide = serverStateByClientPort.get(client.localPort());
                if (serverSide == null) {
                    stateless++;
                } else if (serverSide == SYN_RECV) {
                    halfOpen++;
                }
            }
        }
        return new PortSockets(established, synSent, serverEstablished, serverSynRecv, halfOpen, stateless,
                acceptQueue);
    }

    /**
     * {@code "  3: 0100007F:9067 0100007F:D358 03 00000000:00000000 ..."}: slot, local and remote address as
     * hex address:port, state, then tx_queue:rx_queue. Null for the header line.
     */
    private static Entry parse(String line) {
        String[] fields = line.trim().split("\\s+", 6);
        if (fields.length < 5 || !fields[0].endsWith(":") || fields[0].equals("sl")) {
            return null;
        }
        try {
            return new Entry(hexPort(fields[1]), hexPort(fields[2]), Integer.parseInt(fields[3], 16),
                    Long.parseLong(fields[4].substring(fields[4].indexOf(':') + 1), 16));
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            return null;
        }
    }

    private static int hexPort(String addressAndPort) {
        return Integer.parseInt(addressAndPort.substring(addressAndPort.lastIndexOf(':') + 1), 16);
    }
}
