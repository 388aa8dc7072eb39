package org.c10klab.harness.flood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.c10klab.harness.FloodTestUtil.flood;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.c10klab.harness.result.FloodResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A pipelined connection writes its requests in batches, as redis-benchmark -P does: the replies of one read make
 * room for as many requests, which leave in one write. A server that answers each read in one write therefore
 * reads whole batches, not one request at a time.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PipelineBatchTest {

    private static final byte[] PING = "*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PONG = "+PONG\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int PIPELINE = 16;
    private static final int REQUESTS = 1600;

    @Test
    void pipelinedRequestsReachTheServerInBatches() throws IOException {
        AtomicLong reads = new AtomicLong();
        AtomicLong requests = new AtomicLong();
        try (ServerSocket listener = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> answerEachReadAtOnce(listener, reads, requests));
            FloodResult result = flood("--target", "127.0.0.1:" + listener.getLocalPort(), "-c", "1",
                    "-n", Integer.toString(REQUESTS), "-P", Integer.toString(PIPELINE), "--no-warmup");

            assertThat(result.requests().count(Outcome.OK)).isEqualTo(REQUESTS);
            assertThat(requests.get()).isEqualTo(REQUESTS);
            // One request per read would be 1600 reads; batches of 16 make about 100.
            assertThat(reads.get()).as("reads for %d requests", REQUESTS).isLessThanOrEqualTo(REQUESTS / 4);
        }
    }

    /** Counts every read and the PINGs in it, and answers them all in one write. */
    private static void answerEachReadAtOnce(ServerSocket listener, AtomicLong reads, AtomicLong requests) {
        try (Socket socket = listener.accept()) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            byte[] buffer = new byte[64 * 1024];
            int pending = 0;
            for (int read; (read = in.read(buffer)) > 0; ) {
                reads.incrementAndGet();
                pending += read;
                int whole = pending / PING.length;
                pending -= whole * PING.length;
                requests.addAndGet(whole);
                byte[] replies = new byte[whole * PONG.length];
                for (int i = 0; i < whole; i++) {
                    System.arraycopy(PONG, 0, replies, i * PONG.length, PONG.length);
                }
                out.write(replies);
            }
        } catch (IOException e) {
            // The flood closed its connection: the count is complete.
        }
    }
}
