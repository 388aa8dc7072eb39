package org.c10klab.harness.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.c10klab.harness.TestJedis;
import org.c10klab.harness.conformance.ConformanceTestUtil.RunningServer;
import org.c10klab.server.testing.RawRespClient;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.util.SafeEncoder;

/** Every model speaks the same protocol: the same bytes in give the same bytes out, and errors hurt one connection only. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CommandConformanceTest {

    /** Commands Jedis has no method for. */
    private enum LabCommand implements ProtocolCommand {
        SLEEP, WORK, INFO;

        @Override
        public byte[] getRaw() {
            return SafeEncoder.encode(name());
        }
    }

    @ParameterizedTest
    @MethodSource("org.c10klab.harness.conformance.ConformanceTestUtil#models")
    void aRedisClientLibraryWorksAgainstEveryModel(String model) throws Exception {
        try (RunningServer server = ConformanceTestUtil.start(model);
             Jedis jedis = TestJedis.connect(server.address())) {
            assertThat(jedis.ping()).isEqualTo("PONG");
            assertThat(jedis.ping("hello")).isEqualTo("hello");
            assertThat(jedis.echo("round trip")).isEqualTo("round trip");
            assertThat(jedis.set("k1", "v1")).isEqualTo("OK");
            assertThat(jedis.get("k1")).isEqualTo("v1");
            assertThat(jedis.get("missing")).isNull();
            jedis.set("k2", "v2");
            assertThat(jedis.del("k1", "k2", "k3")).isEqualTo(2);
            assertThat(SafeEncoder.encode((byte[]) jedis.sendCommand(LabCommand.SLEEP, "20"))).isEqualTo("OK");
            assertThat(SafeEncoder.encode((byte[]) jedis.sendCommand(LabCommand.WORK, "500"))).isEqualTo("OK");
            assertThat(SafeEncoder.encode((byte[]) jedis.sendCommand(LabCommand.INFO))).contains("model:" + model);
            assertThat(jedis.configGet("save")).containsEntry("save", "");
            assertThat(jedis.configGet("appendonly")).containsEntry("appendonly", "no");
        }
    }

    @ParameterizedTest
    @MethodSource("org.c10klab.harness.conformance.ConformanceTestUtil#models")
    void theStoreReportsHitsMissesEvictionsAndKeysInInfoAndMetrics(String model) throws Exception {
        try (RunningServer server = ConformanceTestUtil.start(model, "--store-max-entries", "2");
             Jedis jedis = TestJedis.connect(server.address())) {
            jedis.set("a", "1");
            jedis.set("b", "2");
            jedis.set("c", "3"); // evicts a, the least recently used
            jedis.get("b");
            jedis.get("c");
            jedis.get("a");

            String info = SafeEncoder.encode((byte[]) jedis.sendCommand(LabCommand.INFO));
            assertThat(info).contains("keys:2\r\n", "hits:2\r\n", "misses:1\r\n", "evictions:1\r\n");
            String tag = "{model=\"" + model + "\"} ";
            assertThat(server.server().metrics().scrape()).contains(
                    "server_store_hits_total" + tag + "2.0", "server_store_misses_total" + tag + "1.0",
                    "server_store_evictions_total" + tag + "1.0", "server_store_keys" + tag + "2.0",
                    "server_store_bytes" + tag + "4.0",
                    "# HELP server_store_hits_total GETs that found their key in the store");
        }
    }

    @ParameterizedTest
    @MethodSource("org.c10klab.harness.conformance.ConformanceTestUtil#models")
    void repliesAreByteExactOnEveryModel(String model) throws Exception {
        try (RunningServer server = ConformanceTestUtil.start(model); RawRespClient client = server.connect()) {
            assertThat(client.call("PING\r\n")).isEqualTo("+PONG\r\n");
            assertThat(client.call("ping\n")).isEqualTo("+PONG\r\n");
            assertThat(client.call("*2\r\n$4\r\nECHO\r\n$3\r\nhey\r\n")).isEqualTo("$3\r\nhey\r\n");
            assertThat(client.call("*3\r\n$3\r\nset\r\n$1\r\nk\r\n$0\r\n\r\n")).isEqualTo("+OK\r\n");
            assertThat(client.call("GET k\r\n")).isEqualTo("$0\r\n\r\n");
            assertThat(client.call("GET nokey\r\n")).isEqualTo("$-1\r\n");
            assertThat(client.call("DEL k nokey\r\n")).isEqualTo(":1\r\n");
            assertThat(client.call("FOO bar\r\n")).isEqualTo("-ERR unknown command 'FOO'\r\n");
            assertThat(client.call("GET\r\n")).isEqualTo("-ERR wrong number of arguments for 'get' command\r\n");
            assertThat(client.call("SLEEP soon\r\n")).isEqualTo("-ERR value is not an integer or out of range\r\n");
            assertThat(client.call("SLEEP 10\r\n")).isEqualTo("+OK\r\n");
            assertThat(client.call("WORK 100\r\n")).isEqualTo("+OK\r\n");
            assertThat(client.call("COMMAND DOCS\r\n")).isEqualTo("*0\r\n");
            assertThat(client.call("CONFIG GET save\r\n")).isEqualTo("*2\r\n$4\r\nsave\r\n$0\r\n\r\n");
            assertThat(client.call("CONFIG GET appendonly\r\n")).isEqualTo("*2\r\n$10\r\nappendonly\r\n$2\r\nno\r\n");
            assertThat(client.call("INFO\r\n")).startsWith("$").contains("model:" + model);
        }
    }

    @ParameterizedTest
    @MethodSource("org.c10klab.harness.conformance.ConformanceTestUtil#models")
    void aPipelineWithASleepInTheMiddleComesBackInOrder(String model) throws Exception {
        try (RunningServer server = ConformanceTestUtil.start(model); RawRespClient client = server.connect()) {
            client.send("SET k v\r\nSLEEP 200\r\nGET k\r\nPING\r\n*2\r\n$4\r\nECHO\r\n$4\r\nlast\r\n");
            StringBuilder replies = new StringBuilder();
            for (int i = 0; i < 5; i++) {
                replies.append(client.readReply());
            }
            assertThat(replies.toString()).isEqualTo("+OK\r\n+OK\r\n$1\r\nv\r\n+PONG\r\n$4\r\nlast\r\n");
        }
    }

    @ParameterizedTest
    @MethodSource("org.c10klab.harness.conformance.ConformanceTestUtil#models")
    void aProtocolErrorClosesOnlyThatConnection(String model) throws Exception {
        try (RunningServer server = ConformanceTestUtil.start(model)) {
            // serial serves one connection at a time, so there the bystander connects afterwards.
            RawRespClient bystander = model.equals("serial") ? null : server.connect();
            if (bystander != null) {
                assertThat(bystander.call("PING\r\n")).isEqualTo("+PONG\r\n");
            }
            try (RawRespClient offender = server.connect()) {
                assertThat(offender.call("*1\r\n$abc\r\n")).startsWith("-ERR Protocol error: ");
                assertThat(offender.closedByServer()).isTrue();
            }
            try (RawRespClient survivor = bystander != null ? bystander : server.connect()) {
                assertThat(survivor.call("PING\r\n")).isEqualTo("+PONG\r\n");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("org.c10klab.harness.conformance.ConformanceTestUtil#models")
    void quitAnswersOkThenCloses(String model) throws Exception {
        try (RunningServer server = ConformanceTestUtil.start(model); RawRespClient client = server.connect()) {
            assertThat(client.call("QUIT\r\n")).isEqualTo("+OK\r\n");
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("org.c10klab.harness.conformance.ConformanceTestUtil#models")
    void everyLimitHoldsAtItsValueAndRejectsOneMore(String model) throws Exception {
        try (RunningServer server = ConformanceTestUtil.start(model, "--max-bulk-bytes", "16",
                "--max-arguments", "4", "--max-inline-bytes", "32", "--max-sleep-ms", "100", "--max-work-us", "1000")) {
            try (RawRespClient client = server.connect()) {
                assertThat(client.call("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$16\r\n" + "x".repeat(16) + "\r\n")).isEqualTo("+OK\r\n");
                assertThat(client.call("DEL a b c\r\n")).isEqualTo(":0\r\n");
                assertThat(client.call("SLEEP 100\r\n")).isEqualTo("+OK\r\n");
                assertThat(client.call("SLEEP 101\r\n")).isEqualTo("-ERR SLEEP ms: 101 (expected: <= 100)\r\n");
                assertThat(client.call("WORK 1001\r\n")).isEqualTo("-ERR WORK micros: 1001 (expected: <= 1000)\r\n");
                assertThat(client.call("PING\r\n")).isEqualTo("+PONG\r\n");
            }
            assertRejectedAndClosed(server, "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$17\r\n",
                    "-ERR Protocol error: bulk length: 17 (expected: <= 16)\r\n");
            assertRejectedAndClosed(server, "*5\r\n", "-ERR Protocol error: arguments: 5 (expected: <= 4)\r\n");
            assertRejectedAndClosed(server, "PING " + "x".repeat(40), "-ERR Protocol error: ");
            try (RawRespClient afterwards = server.connect()) {
                assertThat(afterwards.call("PING\r\n")).isEqualTo("+PONG\r\n");
            }
        }
    }

    private static void assertRejectedAndClosed(RunningServer server, String request, String expectedReplyPrefix)
            throws Exception {
        try (RawRespClient client = server.connect()) {
            assertThat(client.call(request)).startsWith(expectedReplyPrefix);
            assertThat(client.closedByServer()).isTrue();
        }
    }
}
