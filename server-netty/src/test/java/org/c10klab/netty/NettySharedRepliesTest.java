package org.c10klab.netty;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.c10klab.netty.NettyTestUtil.TestServer;
import org.c10klab.server.testing.RawRespClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The constant replies every connection shares ({@code +OK}, {@code +PONG}, {@code $-1}) arrive intact
 * on many connections at once, pipelined and not, mixed with replies built per request.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NettySharedRepliesTest {

    private static final int CONNECTIONS = 24;
    private static final int ROUNDS = 200;

    @Test
    void sharedRepliesReachEveryConnectionUncorrupted() throws Exception {
        try (TestServer server = NettyTestUtil.start()) {
            ExecutorService clients = Executors.newFixedThreadPool(CONNECTIONS);
            try {
                List<Future<Integer>> results = new ArrayList<>();
                for (int c = 0; c < CONNECTIONS; c++) {
                    String key = "key-" + c;
                    results.add(clients.submit(client(server, key)));
                }
                for (Future<Integer> result : results) {
                    assertThat(result.get()).isEqualTo(ROUNDS * 5);
                }
            } finally {
                clients.shutdownNow();
            }
        }
    }

    /** One client: pipelines of PING, SET, GET (hit and miss), ECHO; counts the replies it checked. */
    private static Callable<Integer> client(TestServer server, String key) {
        return () -> {
            int checked = 0;
            try (RawRespClient client = server.connect()) {
                for (int round = 0; round < ROUNDS; round++) {
                    String value = key + "-" + round;
                    client.send("PING\r\n" + NettyTestUtil.command("SET", key, value) + NettyTestUtil.command("GET", key)
                            + NettyTestUtil.command("GET", key + "-absent") + NettyTestUtil.command("ECHO", value));
                    assertThat(client.readReply()).isEqualTo("+PONG\r\n");
                    assertThat(client.readReply()).isEqualTo("+OK\r\n");
                    assertThat(client.readReply()).isEqualTo("$" + value.length() + "\r\n" + value + "\r\n");
                    assertThat(client.readReply()).isEqualTo("$-1\r\n");
                    assertThat(client.readReply()).isEqualTo("$" + value.length() + "\r\n" + value + "\r\n");
                    checked += 5;
                }
            }
            return checked;
        };
    }
}
