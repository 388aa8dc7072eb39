package org.c10klab.harness.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.c10klab.harness.FloodTestUtil;
import org.c10klab.harness.TestJedis;
import org.c10klab.harness.flood.Outcome;
import org.c10klab.harness.result.FloodResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;

/**
 * Keys and values against a real server in its own JVM, checked with a real Redis client: sequential keys
 * fill exactly the key space with values of the asked size, and Zipf keys find a small LRU store warmer than
 * uniform ones do.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class KeysAndValuesFloodTest {

    @Test
    void sequentialSetsLeaveExactlyTheKeySpaceWithValuesOfTheirSize() throws IOException {
        try (ServerProcess server = ServerProcess.start(List.of("netty"));
             Jedis jedis = jedis(server)) {
            FloodResult result = flood(server, "-c", "10", "-n", "6", "--command", "SET k:__key__ __value__",
                    "--keyspace", "50", "--key-distribution", "sequential", "--value-size", "33");

            assertThat(result.requests().count(Outcome.OK)).isEqualTo(60);
            assertThat(store(jedis)).containsEntry("keys", 50L);
            assertThat(jedis.get("k:00")).hasSize(33);
            assertThat(jedis.get("k:49")).hasSize(33);
            assertThat(jedis.get("k:50")).isNull();
        }
    }

    @Test
    void zipfKeysHitASmallLruStoreMoreOftenThanUniformKeys() throws IOException {
        // 500 keys, room for 50: uniform keys find about 10% stored; Zipf 0.99 keys, mostly the hot few, about 60%.
        assertThat(hitRatio("zipf")).isGreaterThan(hitRatio("uniform") + 0.2);
    }

    /** The share of GETs that hit, in a mix of GETs and SETs over one key space, on a fresh server. */
    private static double hitRatio(String distribution) throws IOException {
        try (ServerProcess server = ServerProcess.start(List.of("netty", "--store-max-entries", "50"));
             Jedis jedis = jedis(server)) {
            FloodResult result = flood(server, "-c", "10", "-n", "200", "--command", "GET __key__:weight=3",
                    "--command", "SET __key__ __value__", "--keyspace", "500", "--key-distribution", distribution,
                    "--value-size", "8");

            assertThat(result.requests().count(Outcome.OK)).isEqualTo(2000);
            assertThat(result.commands()).hasSize(2);
            assertThat(result.commands().get(0).requests().count(Outcome.OK)).isEqualTo(1500);
            Map<String, Long> store = store(jedis);
            assertThat(store.get("hits") + store.get("misses")).isEqualTo(1500);
            assertThat(result.commands().get(0).nils()).as("the client's nil GETs are the server's misses")
                    .isEqualTo(store.get("misses"));
            return (double) store.get("hits") / 1500;
        }
    }

    private static FloodResult flood(ServerProcess server, String... shape) {
        List<String> args = new ArrayList<>(List.of("--target", "127.0.0.1:" + server.address().getPort()));
        args.addAll(List.of(shape));
        return FloodTestUtil.flood(args.toArray(String[]::new));
    }

    private static Jedis jedis(ServerProcess server) {
        return TestJedis.connect(server.address());
    }

    /** INFO's {@code # Store} section, field by field. */
    private static Map<String, Long> store(Jedis jedis) {
        String info = jedis.info();
        String section = info.substring(info.indexOf("# Store"), info.indexOf("# Limits"));
        return section.lines().filter(line -> line.contains(":"))
                .collect(Collectors.toMap(line -> line.substring(0, line.indexOf(':')),
                        line -> Long.parseLong(line.substring(line.indexOf(':') + 1).trim())));
    }
}
