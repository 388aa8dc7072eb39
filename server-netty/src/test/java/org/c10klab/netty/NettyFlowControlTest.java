package org.c10klab.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.c10klab.netty.NettyTestUtil.TestServer;
import org.c10klab.server.testing.GreedyWriter;
import org.c10klab.server.testing.KernelSocketBuffers;
import org.c10klab.server.testing.RawRespClient;
import org.c10klab.server.transport.NettyTransport;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Where the server says "not now": the connection limit, and a client that does not read its replies. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NettyFlowControlTest {

    /**
     * The most a writer that never reads can get out while the server pushes back: requests in the
     * kernel's buffers on the way in, and as many bytes already answered whose replies fill them on
     * the way out, both at the largest this host's settings allow (6-8 MiB measured in all), plus
     * the server's own buffers (the 64 KiB write mark, one read batch held).
     */
    private static final long BACK_PRESSURE_BOUND_BYTES = 2 * KernelSocketBuffers.perDirectionBytes() + 8L * 1024 * 1024;
    /** Twice the bound: a server that never stops reading lets the writer get all of it out, past the bound. */
    private static final long WRITE_CAP_BYTES = 2 * BACK_PRESSURE_BOUND_BYTES;
    private static final Duration STALL = Duration.ofSeconds(1);

    @ParameterizedTest
    @EnumSource(NettyTransport.class)
    void aConnectionBeyondMaxConnectionsWaitsUnansweredUntilOneCloses(NettyTransport transport) throws Exception {
        assumeAvailable(transport);
        try (TestServer server = NettyTestUtil.start("--transport", transport.cliName(), "--max-connections", "2");
             RawRespClient first = server.connect();
             RawRespClient second = server.connect()) {
            assertThat(first.call("PING\r\n")).isEqualTo("+PONG\r\n");
            assertThat(second.call("PING\r\n")).isEqualTo("+PONG\r\n");

            // The kernel completes the handshake from its accept queue; only a reply proves acceptance.
            try (RawRespClient third = server.connect()) {
                third.send("PING\r\n");
                assertThat(third.readReplyWithin(Duration.ofMillis(500))).as("reply while 2 are open").isNull();
                assertThat(NettyTestUtil.infoField(first.call("INFO\r\n"), "connections_open")).isEqualTo("2");

                first.close();

                assertThat(third.readReply()).isEqualTo("+PONG\r\n");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(NettyTransport.class)
    void aClientThatSendsButNeverReadsIsStoppedByTheKernelNotBufferedByTheServer(NettyTransport transport)
            throws Exception {
        assumeAvailable(transport);
        byte[] request = NettyTestUtil.command("ECHO", "x".repeat(16 * 1024)).getBytes(StandardCharsets.US_ASCII);
        try (TestServer server = NettyTestUtil.start("--transport", transport.cliName());
             RawRespClient greedy = server.connect();
             RawRespClient bystander = server.connect()) {
            GreedyWriter writer = GreedyWriter.start(greedy, request, WRITE_CAP_BYTES);

            long stalledAt = writer.awaitStall(STALL);
            assertThat(stalledAt * request.length)
                    .as("bytes written before the server stopped reading").isLessThan(BACK_PRESSURE_BOUND_BYTES);
            assertThat(bystander.call("PING\r\n")).isEqualTo("+PONG\r\n");

            // Once the client reads, everything it sent is answered, in order.
            writer.stopAndReadEveryReply("$16384\r\n" + "x".repeat(16 * 1024) + "\r\n");
        }
    }

    private static void assumeAvailable(NettyTransport transport) {
        assumeTrue(transport.isAvailable(), () -> transport.cliName() + " is unavailable here: " + transport.unavailabilityCause());
    }
}
