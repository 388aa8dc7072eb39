package org.c10klab.balancer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.c10klab.balancer.BalancerTestUtil.TestBackend;
import org.c10klab.balancer.BalancerTestUtil.TestBalancer;
import org.c10klab.server.testing.MetricHelp;
import org.c10klab.server.testing.RawRespClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the balancer shows of itself: per-backend series at {@code /metrics}, each family with a HELP text,
 * and INFO-like lines at {@code /status}.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class BalancerEndpointsTest {

    @Test
    void metricsAndStatusShowEachBackendsStateConnectionsAndBytes() throws Exception {
        int deadPort = BalancerTestUtil.unusedPort();
        String dead = BalancerTestUtil.LOOPBACK + ":" + deadPort;
        try (TestBackend a = TestBackend.start("a", 0);
             TestBalancer balancer = BalancerTestUtil.balancer(o -> {
                 o.metricsPort = 0;
                 o.backends.add(dead);
             }, a)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> balancer.backend(a).lastCheck() == CheckResult.OK
                    && balancer.server().pool().backends().get(1).state() == BackendState.DOWN);
            try (RawRespClient client = balancer.connect()) {
                assertThat(client.call("PING\r\n")).isEqualTo("+PONG\r\n");

                String metrics = balancer.httpGet("/metrics");
                String live = "backend=\"" + a.hostPort() + "\"";
                assertThat(metrics)
                        .contains("balancer_clients_active 1.0")
                        .contains("balancer_backend_connections_total{" + live + "} 1.0")
                        .contains("balancer_backend_connections_active{" + live + "} 1.0")
                        .contains("balancer_backend_state{" + live + "} 1.0")
                        .contains("balancer_backend_state{backend=\"" + dead + "\"} 0.0")
                        .contains("balancer_backend_sent_bytes_total{" + live + "} 6.0")
                        .contains("balancer_backend_received_bytes_total{" + live + "} 7.0")
                        .contains("balancer_backend_server_timeouts_total{" + live + "} 0.0")
                        .containsPattern("balancer_backend_health_checks_total\\{backend=\"" + dead
                                + "\",result=\"refused\"} [1-9]")
                        .contains("balancer_backend_connect_seconds_count{" + live + "} 1")
                        .contains("balancer_backend_connect_seconds_bucket{" + live + ",le=\"+Inf\"} 1")
                        // The top bucket is --connect-timeout (1 s by default): a connect on loopback beats it.
                        .contains("balancer_backend_connect_seconds_bucket{" + live + ",le=\"1.0\"} 1")
                        .contains("jvm_threads_live_threads");
                assertThat(MetricHelp.familiesWithoutHelp(metrics)).isEmpty();

                String status = balancer.httpGet("/status");
                assertThat(status)
                        .contains("strategy:round-robin\n")
                        .contains("backends_up:1\n")
                        .contains("clients_open:1\n")
                        .containsPattern("backend0:address=" + a.hostPort() + ",state=up,state_for_ms=\\d+,"
                                + "connections_open=1,connections_total=1,connect_failures=0,"
                                + "bytes_to_backend=6,bytes_from_backend=7,server_timeouts=0,"
                                + "checks_ok=[1-9]\\d*,checks_failed=\\d+,"
                                + "last_check=\\w+,last_check_ms_ago=\\d+\n")
                        .containsPattern("backend1:address=" + dead + ",state=down,.*,last_check=refused,");
                assertThat(balancer.httpGet("/health")).isEqualTo("UP\n");
            }
        }
    }
}
