package org.c10klab.blocking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.c10klab.blocking.BlockingTestUtil.resp;

import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.c10klab.blocking.BlockingTestUtil.RunningServer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.Jedis;

/** Every model reads with a small buffer that grows for a large request, and answers a pipeline with one write. */
@Timeout(30)
class BlockingReplyWritesTest {

    @ParameterizedTest
    @EnumSource(Model.class)
    void requestsAndRepliesLargerThanTheFirstBuffersRoundTrip(Model model) throws Exception {
        byte[] value = new byte[300 * 1024];
        Arrays.fill(value, (byte) 'v');
        try (RunningServer server = BlockingTestUtil.start(model); Jedis jedis = server.jedis()) {
            assertThat(jedis.set("k".getBytes(StandardCharsets.UTF_8), value)).isEqualTo("OK");
            assertThat(jedis.get("k".getBytes(StandardCharsets.UTF_8))).isEqualTo(value);
            assertThat(jedis.ping()).as("small requests after the large ones").isEqualTo("PONG");
            assertThat(jedis.echo("after")).isEqualTo("after");
        }
    }

    @ParameterizedTest
    @EnumSource(Model.class)
    void aPipelineThatArrivesInOneReadIsAnsweredInOneWrite(Model model) throws Exception {
        String ping = resp("PING");
        String expected = "+PONG\r\n".repeat(16);
        try (RunningServer server = BlockingTestUtil.start(model);
                Socket socket = new Socket(server.address().getAddress(), server.address().getPort())) {
            socket.setSoTimeout(10_000);
            for (int round = 0; round < 3; round++) {
                // One write on loopback arrives in one piece, so the server reads all sixteen at once.
                socket.getOutputStream().write(ping.repeat(16).getBytes(StandardCharsets.US_ASCII));
                byte[] received = new byte[4096];
                InputStream in = socket.getInputStream();
                int n = in.read(received);
                assertThat(new String(received, 0, n, StandardCharsets.US_ASCII))
                        .as("what the first read returned: written at once, every reply is there")
                        .isEqualTo(expected);
            }
        }
    }
}
