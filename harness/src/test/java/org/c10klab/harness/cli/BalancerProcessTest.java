package org.c10klab.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.c10klab.harness.ScriptedServer;
import org.c10klab.server.ListeningLine;
import org.c10klab.server.testing.ChildServerProcess;
import org.c10klab.server.testing.HttpText;
import org.c10klab.server.testing.RawRespClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code c10k balancer} as users run it: a child JVM that prints its LISTENING line, relays, and exits 0 on SIGTERM. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BalancerProcessTest {

    @Test
    void balancerListensRelaysAPingAndExitsZeroOnSigterm() throws Exception {
        try (ScriptedServer backend = new ScriptedServer(ScriptedServer.pong());
             ChildServerProcess balancer = new ChildServerProcess(C10k.class, 0, List.of("balancer",
                     "--port", "0", "--metrics-port", "0", "--backends", backend.target()))) {
            ListeningLine listening = balancer.listening();
            assertThat(listening.model()).isEqualTo("balancer");
            assertThat(listening.pid()).isEqualTo(balancer.process().pid());
            assertThat(listening.metrics()).isNotEqualTo("off");

            try (RawRespClient client = balancer.connect()) {
                assertThat(client.call("PING\r\n")).isEqualTo("+PONG\r\n");
            }
            String status = HttpText.get("http://" + listening.metrics() + "/status");
            assertThat(status).contains("backend0:address=" + backend.target() + ",state=up,");

            assertThat(balancer.terminate(Duration.ofSeconds(10))).isZero();
            assertThat(balancer.stderr()).contains("balancer: round-robin over " + backend.target());
        }
    }
}
