package org.c10klab.harness.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.c10klab.harness.result.PortSockets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The socket table reader: states counted by side from captured /proc/net/tcp text, and live. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SocketTableTest {

    @Test
    void countsEachSideOfAServerPortFromACapturedTable() throws IOException {
        // Captured 1.9 s after 6 clients hit a dual-stack listener with backlog 1 (port 0xC401), which accepted
        // one connection at 0.3 s: every client is ESTABLISHED; the server holds 3 (one accepted, 2 in its
        // queue), one handshake in SYN-RECV (client port C018), and nothing for C002 and C00E, whose SYNs were
        // answered with cookies. The clients are in the IPv4 table, the server in the IPv6 one.
        List<String> table = resource("proc-net-tcp-half-open.txt");

        assertThat(SocketTable.count(table, 0xC401)).isEqualTo(new PortSockets(6, 0, 3, 1, 1, 2, 2));
        assertThat(SocketTable.count(table, 0x43E3)).as("a listener nobody connected to")
                .isEqualTo(new PortSockets(0, 0, 0, 0, 0, 0, 0));
        assertThat(SocketTable.count(table, 1)).as("no listener: no accept queue")
                .isEqualTo(new PortSockets(0, 0, 0, 0, 0, 0, null));
    }

    @Test
    void clientsWhoseSynWasDroppedWaitInSynSent() throws IOException {
        // The same burst 0.5 s in, before any retransmit: 2 connected and queued (the listener's queue holds
        // the one not yet accepted), 4 waiting in SYN-SENT.
        List<String> table = resource("proc-net-tcp-syn-sent.txt");

        assertThat(SocketTable.count(table, 0xCCA5)).isEqualTo(new PortSockets(2, 4, 2, 0, 0, 0, 1));
    }

    @Test
    void aConnectionNotYetAcceptedShowsInTheListenersAcceptQueue() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 1, loopback);
             Socket first = new Socket(loopback, server.getLocalPort());
             Socket second = new Socket(loopback, server.getLocalPort())) {
            int port = server.getLocalPort();
            // Both handshakes completed in the kernel: two ESTABLISHED pairs, both waiting in the queue.
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(SocketTable.forPort(port))
                    .contains(new PortSockets(2, 0, 2, 0, 0, 0, 2)));

            try (Socket ignored = server.accept()) {
                // Accepted, the connection leaves the queue; its socket stays ESTABLISHED on the server's side.
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(SocketTable.forPort(port))
                        .contains(new PortSockets(2, 0, 2, 0, 0, 0, 1)));
            }
        }
    }

    private static List<String> resource(String name) throws IOException {
        try (InputStream in = SocketTableTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }
}
