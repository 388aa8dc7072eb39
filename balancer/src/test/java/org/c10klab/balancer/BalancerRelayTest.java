package org.c10klab.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.c10klab.balancer.BalancerTestUtil.TestBackend;
import org.c10klab.balancer.BalancerTestUtil.TestBalancer;
import org.c10klab.server.testing.GreedyWriter;
import org.c10klab.server.testing.KernelSocketBuffers;
import org.c10klab.server.testing.RawRespClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the relay owes both sides: back-pressure from a client that does not read, and half-closes passed on. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BalancerRelayTest {

    /**
     * The most a writer that never reads can get out while the balancer pushes back: the kernel's
     * buffers of four connection directions (client to balancer, balancer to backend, and the
     * replies back), each at the largest this host's settings allow (autotuning grows them less: 17
     * MiB measured in all), plus the balancer's and the backend's own buffers.
     */
    private static final long BACK_PRESSURE_BOUND_BYTES = 4 * KernelSocketBuffers.perDirectionBytes() + 8L * 1024 * 1024;
    /** Twice the bound: a balancer that never stops reading lets the writer get all of it out, past the bound. */
    private static final long WRITE_CAP_BYTES = 2 * BACK_PRESSURE_BOUND_BYTES;
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
                    .as("bytes written before the balancer stopped reading").isLessThan(BACK_PRESSURE_BOUND_BYTES);
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
