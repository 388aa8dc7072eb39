package org.c10klab.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.c10klab.balancer.BalancerTestUtil.TestBackend;
import org.c10klab.balancer.BalancerTestUtil.TestBalancer;
import org.c10klab.server.testing.GreedyWriter;
import org.c10klab.server.testing.RawRespClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the relay owes both sides: back-pressure from a client that does not read, and half-closes passed on. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BalancerRelayTest {

    /** Far more than every kernel buffer on the way holds, so only back-pressure stalls the writer. */
    private static final long WRITE_CAP_BYTES = 512L * 1024 * 1024;
    /**
     * What the kernel may hold between a writer that never reads and the backend: four sockets' send
     * and receive buffers (client to balancer, balancer to backend, and the replies back), each up to
     * the tcp_wmem and tcp_rmem maxima (4 + 32 MiB here), though autotuning grows them less: 17 MiB
     * measured. Without back-pressure the writer reaches {@link #WRITE_CAP_BYTES}.
     */
    private static final long KERNEL_BUFFERS_BYTES = 64L * 1024 * 1024;
    private static final Duration STALL = Duration.ofSeconds(1);
    private static final int PAYLOAD_BYTES = 16 * 1024;

    @Test
    void aClientThatSendsButNeverReadsStallsItsBackendInsteadOfFillingTheBalancer() throws Exception {
        byte[] request = BalancerTestUtil.command("ECHO", "x".repeat(PAYLOAD_BYTES)).getBytes(StandardCharsets.US_ASCII);
        try (TestBackend backend = TestBackend.start("a", 0);
             TestBalancer balancer = BalancerTestUtil.balancer(o -> { }, backend);
             RawRespClient greedy = balancer.connect();
             RawRespClient bystander = balancer.connect()) {
            GreedyWriter writer = GreedyWriter.start(greedy, request, WRITE_CAP_BYTES);

            long stalledAt = writer.awaitStall(STALL);
            assertThat(stalledAt * request.length)
                    .as("bytes written before the balancer stopped reading").isLessThan(KERNEL_BUFFERS_BYTES);
            Backend seen = balancer.backend(backend);
            assertThat(seen.bytesToBackend()).as("relayed to the backend")
                    .isGreaterThan(seen.bytesFromBackend()).isLessThanOrEqualTo(stalledAt * request.length);
            assertThat(bystander.call("PING\r\n")).as("other clients still served").isEqualTo("+PONG\r\n");

            // Once the client reads, everything it sent is answered, in order.
            writer.stopAndReadEveryReply("$" + PAYLOAD_BYTES + "\r\n" + "x".repeat(PAYLOAD_BYTES) + "\r\n");
        }
    }

    @Test
    void aClientThatHalfClosesStillGetsItsRepliesThenTheConnectionCloses() throws Exception {
        try (TestBackend backend = TestBackend.start("a", 0);
             TestBalancer balancer = BalancerTestUtil.balancer(o -> { }, backend);
             RawRespClient client = balancer.connect()) {
            client.send("SLEEP 200\r\nPING\r\n");
            client.shutdownOutput();

            assertThat(client.readReply()).isEqualTo("+OK\r\n");
            assertThat(client.readReply()).isEqualTo("+PONG\r\n");
            assertThat(client.closedByServer()).isTrue();
        }
    }
}
