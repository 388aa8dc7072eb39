package org.c10klab.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.c10klab.server.LabServer;

/**
 * The client-buffer checks every model must pass: connections that declare a megabyte and send a
 * header only, a crossed {@code --max-client-buffer-bytes}, and a small heap with and without it.
 */
public final class HostileMemoryScenarios {

    /** What the brief allows a header-only connection to hold: far below the megabyte it declares. */
    public static final long MAX_HELD_PER_HEADER = 64 * 1024;
    /**
     * The budget for {@link #aCrossedBudgetEvictsTheLargestBufferAndTheOthersComplete}: room for its
     * first two partial frames (1 MiB and 256 KiB, plus a granule each), not for the third (128 KiB).
     */
    public static final long THREE_FRAMES_BUDGET_BYTES = 1024 * 1024 + 256 * 1024 + 64 * 1024;
    /** How the JVM's last line starts when it exits out of heap ({@code org.c10klab.server.OutOfMemoryExit}). */
    public static final String OUT_OF_HEAP_LINE = "Terminating due to java.lang.OutOfMemoryError: Java heap space";
    /** The JVM option of the small-heap scenarios: the default budget is a quarter of it, 12 MiB. */
    public static final String SMALL_HEAP = "-Xmx48m";
    /** Enough 1 MiB frames held at once to fill {@link #SMALL_HEAP} many times over. */
    private static final int FRAMES_TO_FILL_SMALL_HEAP = 80;
    private static final int MEBIBYTE = 1024 * 1024;
    /** The 14 bytes of a request that declares a 1 MiB bulk string and then sends nothing. */
    private static final String HEADER_ONLY = "*1\r\n$1048576\r\n";
    /** Every header-only connection holds at least one reservation granule (4 KiB) for its first buffer. */
    private static final long MIN_HELD_PER_HEADER = 4096;
    private static final String EVICTED = "-ERR client buffer budget exceeded: this connection held the largest "
            + "request buffer (";
    /** How long a server out of heap may take to exit; generous, so a loaded machine passes too. */
    public static final Duration EXIT_DEADLINE = Duration.ofSeconds(30);

    private HostileMemoryScenarios() {
    }

    /**
     * {@code connections} clients each send only a header declaring 1 MiB: the server accounts a small
     * buffer for each (INFO's {@code client_buffer_bytes}), a PING client on the side is answered
     * throughout, and closing them gives every byte back.
     */
    public static void headerOnlyConnectionsHoldLittleAndASidePingIsAnswered(LabServer server, int connections)
            throws IOException {
        List<RawRespClient> attackers = new ArrayList<>();
        try (RawRespClient side = new RawRespClient(server.localAddress())) {
            assertThat(side.call("PING\r\n")).isEqualTo("+PONG\r\n");
            for (int i = 0; i < connections; i++) {
                attackers.add(new RawRespClient(server.localAddress()));
                attackers.getLast().send(HEADER_ONLY);
                if (i % 25 == 0) {
                    assertThat(side.call("PING\r\n")).as("side PING after %d attackers", i + 1).isEqualTo("+PONG\r\n");
                }
            }
            long held = clientBufferBytes(ServerStates.awaitInfo(side,
                    info -> clientBufferBytes(info) >= connections * MIN_HELD_PER_HEADER));
            assertThat(held).as("bytes held for %d header-only connections", connections)
                    .isLessThan(connections * MAX_HELD_PER_HEADER);
            assertThat(side.call("PING\r\n")).isEqualTo("+PONG\r\n");

            attackers.forEach(RawRespClient::close);
            ServerStates.awaitInfo(side, info -> clientBufferBytes(info) == 0);
        } finally {
            attackers.forEach(RawRespClient::close);
        }
    }

    /**
     * Against a server with {@link #THREE_FRAMES_BUDGET_BYTES}: three clients each send all but the
     * last byte of a SET; the third one's growth crosses the budget, so the first (1 MiB, the largest)
     * gets the -ERR and is closed, the other two complete their SETs, and a whole 1 MiB SET then
     * round-trips byte-exact.
     */
    public static void aCrossedBudgetEvictsTheLargestBufferAndTheOthersComplete(LabServer server) throws IOException {
        InetSocketAddress address = server.localAddress();
        byte[] large = value(MEBIBYTE);
        byte[] medium = value(256 * 1024);
        byte[] small = value(128 * 1024);
        try (RawRespClient observer = new RawRespClient(address);
             RawRespClient largest = new RawRespClient(address);
             RawRespClient second = new RawRespClient(address);
             RawRespClient third = new RawRespClient(address)) {
            largest.send(allButTheLastByte(set("k1", large)));
            ServerStates.awaitInfo(observer, info -> clientBufferBytes(info) >= large.length);
            second.send(allButTheLastByte(set("k2", medium)));
            ServerStates.awaitInfo(observer, info -> clientBufferBytes(info) >= large.length + medium.length);

            third.send(allButTheLastByte(set("k3", small)));

            assertThat(largest.readReply()).startsWith(EVICTED).endsWith("; raise --max-client-buffer-bytes\r\n");
            assertThat(largest.closedByServer()).isTrue();
            second.send(lastByte(set("k2", medium)));
            third.send(lastByte(set("k3", small)));
            assertThat(second.readReply()).isEqualTo("+OK\r\n");
            assertThat(third.readReply()).isEqualTo("+OK\r\n");
            assertThat(observer.call(get("k2"))).isEqualTo(bulk(medium));
            assertThat(observer.call(get("k3"))).isEqualTo(bulk(small));
            assertThat(call(observer, set("big", large))).as("a whole 1 MiB SET").isEqualTo("+OK\r\n");
            assertThat(observer.call(get("big"))).isEqualTo(bulk(large));
            String info = ServerStates.awaitInfo(observer, text -> clientBufferBytes(text) == 0);
            assertThat(infoField(info, "connections_rejected")).contains("client_buffer=1");
        }
    }

    /**
     * Against a server with a budget of 64 KiB and the access log in {@code accessLog}: a SET whose
     * value alone outgrows the budget evicts its own connection with the -ERR, counted as
     * {@code client_buffer} in INFO, the metrics and the access log; the next connection is served.
     * Works with one connection at a time, so in the serial model too.
     */
    public static void aFrameLargerThanTheBudgetEvictsItsOwnConnection(LabServer server, Path accessLog)
            throws IOException {
        try (RawRespClient greedy = new RawRespClient(server.localAddress())) {
            greedy.send(Arrays.copyOf(set("k", value(MEBIBYTE)), 100 * 1024));
            assertThat(greedy.readReply()).startsWith(EVICTED)
                    .endsWith("when all connections together needed more than 65536 bytes; raise --max-client-buffer-bytes\r\n");
            assertThat(greedy.closedByServer()).isTrue();
        }
        try (RawRespClient next = new RawRespClient(server.localAddress())) {
            assertThat(call(next, set("k", value(48 * 1024)))).as("a SET within the budget").isEqualTo("+OK\r\n");
            assertThat(infoField(next.call("INFO\r\n"), "connections_rejected")).contains("client_buffer=1");
        }
        assertThat(server.metrics().scrape()).containsPattern(
                "server_connections_rejected_total\\{model=\"[a-z]+\",reason=\"client_buffer\"} 1.0");
        ServerStates.await().untilAsserted(() -> assertThat(AccessLogLines.read(accessLog).events("reject"))
                .anySatisfy(line -> assertThat(line).containsEntry("reason", "client_buffer")));
    }

    /**
     * A child server with {@link #SMALL_HEAP} and {@code --max-client-buffer-bytes 0}, fed partial
     * 1 MiB frames until they cannot fit, exits non-zero soon after, with the JVM's out-of-memory line
     * last on stderr: it does not linger answering nothing.
     */
    public static void outOfHeapWithoutABudgetExitsWithTheJvmsLastLine(ChildServerProcess child) throws Exception {
        List<RawRespClient> attackers = fillASmallHeap(child.address());
        try {
            assertThat(child.process().waitFor(EXIT_DEADLINE.toSeconds(), TimeUnit.SECONDS))
                    .as("the server exited within %s of being fed %d MiB", EXIT_DEADLINE, attackers.size()).isTrue();
            assertThat(child.process().exitValue()).isNotZero();
            assertThat(child.stderr().strip().lines().toList().getLast())
                    .startsWith(OUT_OF_HEAP_LINE);
        } finally {
            attackers.forEach(RawRespClient::close);
        }
    }

    /** The same attack on a child with {@link #SMALL_HEAP} and the default budget: it evicts, and PING is answered. */
    public static void theDefaultBudgetKeepsASmallHeapServing(ChildServerProcess child) throws IOException {
        List<RawRespClient> attackers = fillASmallHeap(child.address());
        try (RawRespClient side = child.connect()) {
            assertThat(side.call("PING\r\n")).isEqualTo("+PONG\r\n");
            // Sent is not yet read: under load a thread-per-connection server reaches the budget a moment later.
            ServerStates.awaitInfo(side, info -> infoField(info, "connections_rejected").contains("client_buffer="));
            assertThat(child.process().isAlive()).isTrue();
        } finally {
            attackers.forEach(RawRespClient::close);
        }
    }

    /**
     * Opens enough connections to fill {@link #SMALL_HEAP} many times over, each sending all but the
     * last byte of a 1 MiB SET; connections the server refuses or closes meanwhile are no error.
     *
     * @return the clients, for the caller to close
     */
    public static List<RawRespClient> fillASmallHeap(InetSocketAddress address) throws IOException {
        byte[] frame = allButTheLastByte(set("k", value(MEBIBYTE)));
        List<RawRespClient> clients = new ArrayList<>();
        for (int i = 0; i < FRAMES_TO_FILL_SMALL_HEAP; i++) {
            try {
                clients.add(new RawRespClient(address));
                clients.getLast().send(frame);
            } catch (IOException e) {
                // Evicted while sending, or the server is gone: the server side of this test says which.
            }
        }
        return clients;
    }

    private static String call(RawRespClient client, byte[] request) throws IOException {
        client.send(request);
        return client.readReply();
    }

    /** INFO's {@code client_buffer_bytes}. */
    private static long clientBufferBytes(String info) {
        return Long.parseLong(infoField(info, "client_buffer_bytes"));
    }

    /** The value of one {@code name:value} line of an INFO reply. */
    private static String infoField(String info, String name) {
        return info.lines().filter(line -> line.startsWith(name + ":")).map(line -> line.substring(name.length() + 1))
                .findFirst().orElseThrow(() -> new AssertionError("INFO has no " + name + ":\n" + info));
    }

    private static byte[] set(String key, byte[] value) {
        byte[] head = ("*3\r\n$3\r\nSET\r\n$" + key.length() + "\r\n" + key + "\r\n$" + value.length + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] frame = Arrays.copyOf(head, head.length + value.length + 2);
        System.arraycopy(value, 0, frame, head.length, value.length);
        frame[frame.length - 2] = '\r';
        frame[frame.length - 1] = '\n';
        return frame;
    }

    private static String get(String key) {
        return "*2\r\n$3\r\nGET\r\n$" + key.length() + "\r\n" + key + "\r\n";
    }

    /** A bulk reply as {@link RawRespClient} returns it: one char per byte. */
    private static String bulk(byte[] value) {
        return "$" + value.length + "\r\n" + new String(value, StandardCharsets.ISO_8859_1) + "\r\n";
    }

    private static byte[] allButTheLastByte(byte[] frame) {
        return Arrays.copyOf(frame, frame.length - 1);
    }

    private static byte[] lastByte(byte[] frame) {
        return new byte[] {frame[frame.length - 1]};
    }

    /** {@code length} bytes that are not all alike, so a misplaced chunk shows. */
    private static byte[] value(int length) {
        byte[] value = new byte[length];
        for (int i = 0; i < length; i++) {
            value[i] = (byte) (i * 31 + (i >> 8));
        }
        return value;
    }
}
