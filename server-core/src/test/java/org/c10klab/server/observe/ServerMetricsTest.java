package org.c10klab.server.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.c10klab.protocol.ProtocolLimits;
import org.c10klab.protocol.resp.ClientBufferBudget;
import org.c10klab.protocol.resp.RespRequestDecoder;
import org.c10klab.server.testing.MetricHelp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link ServerMetrics} publishes the DESIGN section 4 meters, leaves out jvm.threads.states, and bounds command tags. */
class ServerMetricsTest {

    private final ServerMetrics metrics = new ServerMetrics("virtual");

    @AfterEach
    void close() {
        metrics.close();
    }

    @Test
    void scrapeHasTheServerMetersTaggedWithTheModel() {
        metrics.connectionOpened();
        metrics.connectionOpened();
        metrics.connectionClosed();
        metrics.connectionRejected(MeterNames.REASON_MAX_CLIENTS);
        metrics.protocolError();
        metrics.commandLatency("PING").record(Duration.ofMillis(3).toNanos());
        metrics.gaugeVirtualThreads(() -> 7);

        String scrape = metrics.scrape();
        assertThat(scrape).contains(
                "server_connections_active{model=\"virtual\"} 1",
                "server_connections_accepted_total{model=\"virtual\"} 2",
                "server_connections_rejected_total{model=\"virtual\",reason=\"max_clients\"} 1",
                "server_connections_rejected_total{model=\"virtual\",reason=\"protocol_error\"} 1",
                "server_protocol_errors_total{model=\"virtual\"} 1",
                "server_commands_seconds_count{command=\"PING\",model=\"virtual\"} 1",
                "server_threads_virtual{model=\"virtual\"} 7");
        assertThat(metrics.activeConnections()).isEqualTo(1);
        assertThat(metrics.acceptedConnections()).isEqualTo(2);
        assertThat(metrics.rejectedSummary().split(",")).containsExactlyInAnyOrder("max_clients=1", "protocol_error=1");
    }

    @Test
    void everyFamilyHasAHelpTextAndCommandLatencyIsAHistogramFrom100MicrosecondsToTenSeconds() {
        metrics.connectionRejected(MeterNames.REASON_IDLE);
        metrics.commandLatency("SLEEP").record(Duration.ofMillis(30).toNanos());
        metrics.gaugeVirtualThreads(() -> 1);
        metrics.gaugeClientBuffers(new ClientBufferBudget(1 << 20));
        AtomicLong dropped = new AtomicLong();
        metrics.countLogDrops(MeterNames.LOG_ACCESS, dropped);

        String scrape = metrics.scrape();
        assertThat(MetricHelp.familiesWithoutHelp(scrape)).isEmpty();
        assertThat(scrape).contains("# TYPE server_commands_seconds histogram",
                "server_commands_seconds_bucket{command=\"SLEEP\",model=\"virtual\",le=\"1.0E-4\"} 0",
                "server_commands_seconds_bucket{command=\"SLEEP\",model=\"virtual\",le=\"0.025\"} 0",
                "server_commands_seconds_bucket{command=\"SLEEP\",model=\"virtual\",le=\"0.05\"} 1",
                "server_commands_seconds_bucket{command=\"SLEEP\",model=\"virtual\",le=\"10.0\"} 1",
                "server_commands_seconds_bucket{command=\"SLEEP\",model=\"virtual\",le=\"+Inf\"} 1");
    }

    @Test
    void jvmBindersArePresentButThreadStatesAreNot() {
        String scrape = metrics.scrape();
        assertThat(scrape).contains("jvm_threads_live_threads{model=\"virtual\"}", "jvm_threads_peak_threads",
                "jvm_memory_used_bytes", "process_uptime_seconds");
        // The RSS from /proc/self/status: a running JVM holds tens of megabytes (1.0E7 and up).
        assertThat(scrape).containsPattern("process_resident_memory_bytes\\{model=\"virtual\"} [1-9][.0-9]*E[7-9]\n");
        assertThat(scrape).doesNotContain("jvm_threads_states");
        // CPU time in seconds, as Prometheus names it, not Micrometer's nanoseconds.
        assertThat(scrape).containsPattern("process_cpu_seconds_total\\{model=\"virtual\"} [0-9]")
                .doesNotContain("process_cpu_time_ns");
    }

    @Test
    void unknownCommandNamesShareOneOtherTimer() {
        CommandLatency foo = metrics.commandLatency("FOO");
        CommandLatency bar = metrics.commandLatency("BAR\r\n");
        assertThat(foo).isSameAs(bar);
        assertThat(foo.command()).isEqualTo("OTHER");
        assertThat(metrics.commandLatency("GET")).isSameAs(metrics.commandLatency("GET")).isNotSameAs(foo);
        foo.record(Duration.ofMillis(1).toNanos());
        bar.record(Duration.ofMillis(1).toNanos());
        assertThat(metrics.scrape()).contains("server_commands_seconds_count{command=\"OTHER\",model=\"virtual\"} 2")
                .doesNotContain("command=\"FOO\"");
    }

    @Test
    void pluginCommandsGetTimersOfTheirOwnAndOtherNamesStillShareOne() {
        try (ServerMetrics withPlugins = new ServerMetrics("netty", Set.of("UPPER"))) {
            assertThat(withPlugins.commandLatency("UPPER").command()).isEqualTo("UPPER");
            assertThat(withPlugins.commandLatency("PING").command()).isEqualTo("PING");
            assertThat(withPlugins.commandLatency("LOWER").command()).isEqualTo("OTHER");
        }
        assertThat(metrics.commandLatency("UPPER").command()).isEqualTo("OTHER");
    }

    @Test
    void theClientBufferGaugesReadTheBudgetLive() {
        ClientBufferBudget budget = new ClientBufferBudget(1024 * 1024);
        metrics.gaugeClientBuffers(budget);
        assertThat(metrics.scrape()).contains("server_client_buffer_bytes{model=\"virtual\"} 0.0",
                "server_client_buffer_budget_bytes{model=\"virtual\"} 1048576.0");

        new RespRequestDecoder(ProtocolLimits.DEFAULTS, budget.open(() -> { }))
                .decode(ByteBuffer.wrap("*1\r\n$1048576\r\n".getBytes(StandardCharsets.US_ASCII)));

        assertThat(metrics.scrape()).as("a bulk header alone reserves its first 4 KiB buffer")
                .contains("server_client_buffer_bytes{model=\"virtual\"} 4096.0");
    }

    @Test
    void noRejectionsReadsNone() {
        assertThat(metrics.rejectedSummary()).isEqualTo("none");
    }
}
