package org.c10klab.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.c10klab.balancer.BalancerTestUtil.TestBackend;
import org.c10klab.balancer.BalancerTestUtil.TestBalancer;
import org.c10klab.server.testing.RawRespClient;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Three backends behind the balancer share 300 client connections evenly, under either strategy. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BalancerDistributionTest {

    private static final int CLIENTS = 300;
    private static final int CONNECTING_THREADS = 10;

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void threeBackendsGetAnEqualShareOfThreeHundredConnections(Strategy strategy) throws Exception {
        List<RawRespClient> clients = new ArrayList<>();
        try (TestBackend a = TestBackend.start("a", 0);
             TestBackend b = TestBackend.start("b", 0);
             TestBackend c = TestBackend.start("c", 0);
             TestBalancer balancer = BalancerTestUtil.balancer(o -> o.strategy = strategy.cliName(), a, b, c);
             ExecutorService connecting = Executors.newFixedThreadPool(CONNECTING_THREADS)) {
            Map<String, AtomicInteger> landed = new ConcurrentHashMap<>();
            List<Future<RawRespClient>> opened = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                // Every connection stays open, so least-connections must spread them as evenly as round-robin.
                opened.add(connecting.submit(() -> {
                    RawRespClient client = balancer.connect();
                    landed.computeIfAbsent(BalancerTestUtil.backendOf(client), name -> new AtomicInteger())
                            .incrementAndGet();
                    return client;
                }));
            }
            for (Future<RawRespClient> client : opened) {
                clients.add(client.get());
            }

            assertThat(landed).containsOnlyKeys("a", "b", "c");
            for (TestBackend backend : List.of(a, b, c)) {
                assertThat(landed.get(backend.name())).as("connections on %s", backend.name()).hasValue(CLIENTS / 3);
                Backend seen = balancer.backend(backend);
                assertThat(seen.totalConnections()).isEqualTo(CLIENTS / 3);
                assertThat(seen.activeConnections()).isEqualTo(CLIENTS / 3);
                assertThat(seen.bytesToBackend()).isPositive();
                assertThat(seen.bytesFromBackend()).isPositive();
            }
            assertThat(balancer.server().metrics().clientsActive()).isEqualTo(CLIENTS);
        } finally {
            clients.forEach(RawRespClient::close);
        }
    }
}
