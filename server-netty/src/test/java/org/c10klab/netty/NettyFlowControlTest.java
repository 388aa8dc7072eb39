package org.c10klab.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.c10klab.netty.NettyTestUtil.TestServer;
import org.c10klab.server.testing.GreedyWriter;
import org.c10klab.server.testing.RawRespClient;
import org.c10klab.server.transport.NettyTransport;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Where the server says "not now": the connection limit, and a client that does not read its replies. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NettyFlowControlTest {

    /** Far more than the kernel's socket buffers hold, so only a server that stops reading stalls the writer. */
    private static final long WRITE_CAP_BYTES = 256L * 1024 * 1024;
    /**
     * What the kernel may hold for one connection: the client's send buffer plus the server's receive
     * buffer (tcp_wmem and tcp_rmem maxima, 4 + 32 MiB here), with room to spare; 6-8 MiB measured.
     */
    private static final long KERNEL_BUFFERS_BYTES = 64L * 1024 * 1024;
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
                    .as("bytes written before the server stopped reading").isLessThan(KERNEL_BUFFERS_BYTES);
            assertThat(bystander.call("PING\r\n")).isEqualTo("+PONG\r\n");

            // Once the client reads, everything it sent is answered, in order.
            writer.stopAndReadEveryReply("$16384\r\n" + "x".repeat(16 * 1024) + "\r\n");
        }
    }

    private static void assumeAvailable(NettyTransport transport) {
        assumeTrue(transport.isAvailable(), () -> transport.cliName() + " is unavailable here: " + transport.unavailabilityCause());
    }
}
