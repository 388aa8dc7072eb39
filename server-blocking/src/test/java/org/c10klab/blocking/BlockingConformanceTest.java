package org.c10klab.blocking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.c10klab.blocking.BlockingTestUtil.resp;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.c10klab.blocking.BlockingTestUtil.RunningServer;
import org.c10klab.server.testing.RawRespClient;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.util.SafeEncoder;

/** Every model answers the protocol the same way: commands, pipelines, errors, QUIT and limits. */
@Timeout(30)
class BlockingConformanceTest {

    private static final ProtocolCommand SLEEP = () -> SafeEncoder.encode("SLEEP");
    private static final ProtocolCommand WORK = () -> SafeEncoder.encode("WORK");

    @ParameterizedTest
    @EnumSource(Model.class)
    void jedisDrivesEveryCommand(Model model) throws Exception {
        try (RunningServer server = BlockingTestUtil.start(model); Jedis jedis = server.jedis()) {
            assertThat(jedis.ping()).isEqualTo("PONG");
            assertThat(jedis.echo("héllo")).isEqualTo("héllo");
            assertThat(jedis.set("k", "v")).isEqualTo("OK");
            assertThat(jedis.get("k")).isEqualTo("v");
            assertThat(jedis.get("missing")).isNull();
            assertThat(jedis.del("k", "missing")).isEqualTo(1);
            assertThat(SafeEncoder.encode((byte[]) jedis.sendCommand(SLEEP, "20"))).isEqualTo("OK");
            assertThat(SafeEncoder.encode((byte[]) jedis.sendCommand(WORK, "1000"))).isEqualTo("OK");
            assertThat(jedis.configGet("save")).containsEntry("save", "");
            assertThatThrownBy(() -> jedis.sendCommand(() -> SafeEncoder.encode("NOPE")))
                    .isInstanceOf(JedisDataException.class).hasMessage("ERR unknown command 'NOPE'");
            assertThatThrownBy(() -> jedis.sendCommand(SLEEP, "-1"))
                    .isInstanceOf(JedisDataException.class).hasMessage("ERR value is not an integer or out of range");

            Map<String, String> info = BlockingTestUtil.parseInfo(jedis.info());
            // The INFO itself is the one request in flight, as its connection is the one open.
            assertThat(info).containsEntry("model", model.cliName()).containsEntry("connections_open", "1")
                    .containsEntry("requests_in_flight", "1")
                    .containsKeys("threads_platform", "threads_virtual", "connection_threads", "backlog_effective");
            assertThat(info.get("threads_virtual")).isEqualTo(model == Model.VIRTUAL ? "1" : "0");
        }
    }

    @ParameterizedTest
    @EnumSource(Model.class)
    void repliesAreByteExact(Model model) throws Exception {
        try (RunningServer server = BlockingTestUtil.start(model); RawRespClient client = server.connect()) {
            assertThat(client.call("PING\r\n")).isEqualTo("+PONG\r\n");
            client.send("\r\n\n"); // empty inline lines are keep-alives: no reply
            assertThat(client.call("PING\n")).isEqualTo("+PONG\r\n");
            assertThat(client.call(resp("ECHO", "a\r\nb"))).isEqualTo("$4\r\na\r\nb\r\n");
            assertThat(client.call(resp("GET", "nothing"))).isEqualTo("$-1\r\n");
            assertThat(client.call(resp("DEL", "nothing"))).isEqualTo(":0\r\n");
            assertThat(client.call(resp("COMMAND", "DOCS"))).isEqualTo("*0\r\n");
            assertThat(client.call(resp("CONFIG", "GET", "appendonly"))).isEqualTo("*2\r\n$10\r\nappendonly\r\n$2\r\nno\r\n");
            assertThat(client.call("GET\r\n")).isEqualTo("-ERR wrong number of arguments for 'get' command\r\n");
        }
    }

    @ParameterizedTest
    @EnumSource(Model.class)
    void pipelinedRepliesKeepRequestOrderAcrossASleep(Model model) throws Exception {
        try (RunningServer server = BlockingTestUtil.start(model); RawRespClient client = server.connect()) {
            long start = System.nanoTime();
            client.send("SLEEP 200\r\nPING\r\n" + resp("SLEEP", "50") + resp("ECHO", "last"));
            assertThat(client.readReply()).isEqualTo("+OK\r\n");
            assertThat(client.readReply()).isEqualTo("+PONG\r\n");
            assertThat(client.readReply()).isEqualTo("+OK\r\n");
            assertThat(client.readReply()).isEqualTo("$4\r\nlast\r\n");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
        }
    }

    @ParameterizedTest
    @EnumSource(Model.class)
    void aLongPipelineIsAnsweredInFull(Model model) throws Exception {
        try (RunningServer server = BlockingTestUtil.start(model); RawRespClient client = server.connect()) {
            StringBuilder pipeline = new StringBuilder();
            for (int i = 0; i < 2_000; i++) {
                pipeline.append(resp("SET", "key" + i, "value" + i)).append(resp("GET", "key" + i));
            }
            client.send(pipeline.toString());
            for (int i = 0; i < 2_000; i++) {
                assertThat(client.readReply()).isEqualTo("+OK\r\n");
                String value = "value" + i;
                assertThat(client.readReply()).isEqualTo("$" + value.length() + "\r\n" + value + "\r\n");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Model.class)
    void quitAnswersThenCloses(Model model) throws Exception {
        try (RunningServer server = BlockingTestUtil.start(model); RawRespClient client = server.connect()) {
            client.send("PING\r\nQUIT\r\nPING\r\n");
            assertThat(client.readReply()).isEqualTo("+PONG\r\n");
            assertThat(client.readReply()).isEqualTo("+OK\r\n");
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Model.class)
    void aProtocolErrorClosesOnlyThatConnection(Model model) throws Exception {
        try (RunningServer server = BlockingTestUtil.start(model);
                RawRespClient bad = server.connect();
                RawRespClient good = server.connect()) {
            // In the serial model "good" waits in the accept queue until "bad" is gone.
            bad.send("PING\r\n*1\r\n#4\r\nPING\r\n");
            assertThat(bad.readReply()).isEqualTo("+PONG\r\n");
            assertThat(bad.readReply()).isEqualTo("-ERR Protocol error: expected '$', got '#'\r\n");
            assertThat(bad.closedByServer()).isTrue();

            assertThat(good.call("PING\r\n")).isEqualTo("+PONG\r\n");
            Map<String, String> info = BlockingTestUtil.info(good);
            assertThat(info.get("connections_rejected")).contains("protocol_error=1");
            assertThat(server.server().metrics().scrape()).contains("server_protocol_errors_total{model=\"" + model.cliName() + "\"} 1.0");
        }
    }

    @ParameterizedTest
    @EnumSource(Model.class)
    void aBulkOneByteOverTheLimitIsRefusedAndTheServerLivesOn(Model model) throws Exception {
        try (RunningServer server = BlockingTestUtil.start(model, "--max-bulk-bytes", "16")) {
            try (RawRespClient client = server.connect()) {
                assertThat(client.call(resp("SET", "k", "x".repeat(16)))).isEqualTo("+OK\r\n");
                assertThat(client.call(resp("SET", "k", "x".repeat(17))))
                        .isEqualTo("-ERR Protocol error: bulk length: 17 (expected: <= 16)\r\n");
                assertThat(client.closedByServer()).isTrue();
            }
            try (RawRespClient client = server.connect()) {
                assertThat(client.call(resp("GET", "k"))).isEqualTo("$16\r\n" + "x".repeat(16) + "\r\n");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Model.class)
    void commandLimitsCrossedByOneAreErrorsThatKeepTheConnection(Model model) throws Exception {
        try (RunningServer server = BlockingTestUtil.start(model, "--max-sleep-ms", "100", "--max-arguments", "3");
                RawRespClient client = server.connect()) {
            assertThat(client.call("SLEEP 100\r\n")).isEqualTo("+OK\r\n");
            assertThat(client.call("SLEEP 101\r\n")).isEqualTo("-ERR SLEEP ms: 101 (expected: <= 100)\r\n");
            assertThat(client.call(resp("DEL", "a", "b"))).isEqualTo(":0\r\n");
            assertThat(client.call(resp("DEL", "a", "b", "c"))).isEqualTo("-ERR Protocol error: arguments: 4 (expected: <= 3)\r\n");
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Model.class)
    void idleConnectionsAreClosedAndCounted(Model model) throws Exception {
        Duration idleTimeout = Duration.ofSeconds(1);
        try (RunningServer server = BlockingTestUtil.start(model, "--idle-timeout", idleTimeout.toMillis() + "ms")) {
            try (RawRespClient idle = server.connect()) {
                assertThat(idle.call("PING\r\n")).isEqualTo("+PONG\r\n");
                long start = System.nanoTime();
                idle.setReadTimeout(idleTimeout.plusSeconds(5));
                assertThat(idle.closedByServer()).isTrue();
                assertThat(Duration.ofNanos(System.nanoTime() - start))
                        .isBetween(idleTimeout.multipliedBy(3).dividedBy(4), idleTimeout.plusSeconds(3));
            }
            try (RawRespClient client = server.connect()) {
                // A slow but not idle client is not cut off: each request restarts the clock. The pauses
                // are the scenario: each a quarter of the timeout (room for a loaded machine), together
                // longer than it, so a clock that never restarted would close the connection.
                for (int i = 0; i < 5; i++) {
                    Thread.sleep(idleTimeout.dividedBy(4));
                    assertThat(client.call("PING\r\n")).isEqualTo("+PONG\r\n");
                }
                assertThat(BlockingTestUtil.info(client).get("connections_rejected")).isEqualTo("idle_timeout=1");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Model.class)
    void aLargeValueRoundTrips(Model model) throws Exception {
        byte[] value = new byte[1024 * 1024];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) i;
        }
        try (RunningServer server = BlockingTestUtil.start(model); Jedis jedis = server.jedis()) {
            byte[] key = "big".getBytes(StandardCharsets.UTF_8);
            assertThat(jedis.set(key, value)).isEqualTo("OK");
            assertThat(jedis.get(key)).isEqualTo(value);
        }
    }
}
