package org.c10klab.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.c10klab.netty.NettyTestUtil.TestServer;
import org.c10klab.server.testing.RawRespClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;

/** The protocol as a real Redis client and raw sockets see it, on a running server. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class NettyServerTest {

    @Test
    void servesEveryCommandToARedisClient() throws Exception {
        try (TestServer server = NettyTestUtil.start(); Jedis jedis = server.jedis()) {
            assertThat(jedis.ping()).isEqualTo("PONG");
            assertThat(jedis.echo("hello")).isEqualTo("hello");
            assertThat(jedis.set("key", "value")).isEqualTo("OK");
            assertThat(jedis.get("key")).isEqualTo("value");
            assertThat(jedis.del("key", "absent")).isEqualTo(1);
            assertThat(jedis.get("key")).isNull();
            assertThatThrownBy(() -> jedis.sendCommand(() -> "NOPE".getBytes()))
                    .isInstanceOf(JedisDataException.class).hasMessage("ERR unknown command 'NOPE'");

            String info = jedis.info();
            assertThat(NettyTestUtil.infoField(info, "model")).isEqualTo("netty");
            assertThat(NettyTestUtil.infoField(info, "transport")).isIn("io_uring", "epoll", "nio");
            assertThat(NettyTestUtil.infoField(info, "io_threads")).isEqualTo("1");
            assertThat(NettyTestUtil.infoField(info, "offload_threads")).isEqualTo("0");
            assertThat(NettyTestUtil.infoField(info, "connections_open")).isEqualTo("1");
            assertThat(NettyTestUtil.infoField(info, "requests_in_flight")).as("the INFO itself").isEqualTo("1");
            assertThat(NettyTestUtil.infoField(info, "sleep_blocks_loop")).isEqualTo("no");

            String scrape = server.server().metrics().scrape();
            assertThat(scrape).contains("server_connections_active{model=\"netty\"} 1")
                    .contains("server_requests_in_flight{model=\"netty\"} 0")
                    .contains("server_connections_accepted_total{model=\"netty\"} 1")
                    .containsPattern("server_commands_seconds_count\\{command=\"GET\",model=\"netty\"} 2");
        }
    }

    @Test
    void aPipelinedPingBehindASleepComesBackInOrder() throws Exception {
        try (TestServer server = NettyTestUtil.start(); RawRespClient client = server.connect()) {
            long start = System.nanoTime();
            client.send(NettyTestUtil.command("SLEEP", "200") + "PING\r\n" + NettyTestUtil.command("ECHO", "after"));

            assertThat(client.readReply()).isEqualTo("+OK\r\n");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
            assertThat(client.readReply()).isEqualTo("+PONG\r\n");
            assertThat(client.readReply()).isEqualTo("$5\r\nafter\r\n");
        }
    }

    @Test
    void aRedisClientPipelineWithSleepsInTheMiddleKeepsItsOrder() throws Exception {
        try (TestServer server = NettyTestUtil.start(); Jedis jedis = server.jedis()) {
            Pipeline pipeline = jedis.pipelined();
            Response<String> set = pipeline.set("k", "1");
            Response<Object> sleep = pipeline.sendCommand(() -> "SLEEP".getBytes(), "100");
            Response<String> get = pipeline.get("k");
            Response<Object> work = pipeline.sendCommand(() -> "WORK".getBytes(), "1000");
            Response<Long> del = pipeline.del("k");
            pipeline.sync();

            assertThat(List.of(set.get(), new String((byte[]) sleep.get()), get.get(),
                    new String((byte[]) work.get()), del.get())).containsExactly("OK", "OK", "1", "OK", 1L);
        }
    }

    @Test
    void aProtocolErrorClosesOnlyThatConnection() throws Exception {
        try (TestServer server = NettyTestUtil.start();
             RawRespClient bystander = server.connect();
             RawRespClient offender = server.connect()) {
            assertThat(bystander.call("PING\r\n")).isEqualTo("+PONG\r\n");

            offender.send("*1\r\n$x\r\n");

            assertThat(offender.readReply()).isEqualTo("-ERR Protocol error: invalid bulk length\r\n");
            assertThat(offender.closedByServer()).isTrue();
            assertThat(bystander.call("PING\r\n")).isEqualTo("+PONG\r\n");
            assertThat(server.server().metrics().rejectedSummary()).isEqualTo("protocol_error=1");
        }
    }

    @Test
    void quitAnswersThenCloses() throws Exception {
        try (TestServer server = NettyTestUtil.start(); RawRespClient client = server.connect()) {
            client.send("QUIT\r\nPING\r\n");

            assertThat(client.readReply()).isEqualTo("+OK\r\n");
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void limitsCrossedByOneAreRefusedAndTheServerLivesOn() throws Exception {
        try (TestServer server = NettyTestUtil.start("--max-bulk-bytes", "10", "--max-sleep-ms", "100");
             RawRespClient client = server.connect()) {
            assertThat(client.call(NettyTestUtil.command("SET", "k", "0123456789"))).isEqualTo("+OK\r\n");
            assertThat(client.call(NettyTestUtil.command("SLEEP", "101")))
                    .isEqualTo("-ERR SLEEP ms: 101 (expected: <= 100)\r\n");
            assertThat(client.call(NettyTestUtil.command("SLEEP", "100"))).isEqualTo("+OK\r\n");

            client.send(NettyTestUtil.command("SET", "k", "0123456789A"));

            assertThat(client.readReply()).isEqualTo("-ERR Protocol error: bulk length: 11 (expected: <= 10)\r\n");
            assertThat(client.closedByServer()).isTrue();
            try (RawRespClient next = server.connect()) {
                assertThat(next.call(NettyTestUtil.command("GET", "k"))).isEqualTo("$10\r\n0123456789\r\n");
            }
        }
    }

    @Test
    void aClientThatHalfClosesStillGetsItsReplies() throws Exception {
        try (TestServer server = NettyTestUtil.start(); RawRespClient client = server.connect()) {
            client.send("SLEEP 100\r\nPING\r\n");
            client.shutdownOutput();

            assertThat(client.readReply()).isEqualTo("+OK\r\n");
            assertThat(client.readReply()).isEqualTo("+PONG\r\n");
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void idleConnectionsAreClosedAfterTheIdleTimeoutButNotWhileInsideASleep() throws Exception {
        try (TestServer server = NettyTestUtil.start("--idle-timeout", "200ms");
             RawRespClient idle = server.connect();
             RawRespClient sleeping = server.connect()) {
            sleeping.send("SLEEP 600\r\n");

            assertThat(idle.closedByServer()).isTrue();
            assertThat(sleeping.readReply()).isEqualTo("+OK\r\n");
            assertThat(sleeping.closedByServer()).isTrue();
            assertThat(server.server().metrics().rejectedSummary()).isEqualTo("idle_timeout=2");
        }
    }
}
