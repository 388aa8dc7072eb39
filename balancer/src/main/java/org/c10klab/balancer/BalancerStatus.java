package org.c10klab.balancer;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import org.c10klab.server.DurationConverter;

/**
 * The {@code /status} page: INFO-like {@code name:value} lines for the balancer, then one line per
 * backend in the style of Redis's {@code slave0:ip=...,state=...}, e.g.
 * {@code backend0:address=127.0.0.1:7391,state=up,connections_open=3,...}.
 */
final class BalancerStatus {

    private final BalancerServer server;
    private final BalancerOptions options;
    private final long startNanos = System.nanoTime();

    BalancerStatus(BalancerServer server, BalancerOptions options) {
        this.server = server;
        this.options = options;
    }

    /** The page as served. */
    String render() {
        BalancerMetrics metrics = server.metrics();
        List<Backend> backends = server.pool().backends();
        StringBuilder page = new StringBuilder("# Balancer\n");
        line(page, "address", hostPort(server));
        line(page, "strategy", server.pool().strategy().cliName());
        line(page, "transport", server.transportSelection().transport().cliName());
        line(page, "health_interval", DurationConverter.format(options.healthInterval));
        line(page, "health_timeout", DurationConverter.format(options.healthTimeout));
        line(page, "fall", options.fall);
        line(page, "rise", options.rise);
        line(page, "connect_timeout", DurationConverter.format(options.connectTimeout));
        line(page, "server_timeout", DurationConverter.format(options.serverTimeout));
        line(page, "backends_up", backends.stream().filter(b -> b.state() == BackendState.UP).count());
        line(page, "backends_total", backends.size());
        line(page, "clients_open", metrics.clientsActive());
        line(page, "clients_total", metrics.clientsAccepted());
        line(page, "clients_rejected_no_backend", metrics.clientsRejected());
        line(page, "clients_retried", metrics.clientsRetried());
        line(page, "threads_platform", ManagementFactory.getThreadMXBean().getThreadCount());
        line(page, "uptime_seconds", Duration.ofNanos(System.nanoTime() - startNanos).toSeconds());
        line(page, "process_id", ProcessHandle.current().pid());
        page.append("\n# Backends\n");
        for (int i = 0; i < backends.size(); i++) {
            Backend b = backends.get(i);
            CheckResult last = b.lastCheck();
            page.append("backend").append(i).append(':')
                    .append("address=").append(b.label())
                    .append(",state=").append(b.state().statusName())
                    .append(",state_for_ms=").append(Duration.ofNanos(System.nanoTime() - b.stateChangedNanos()).toMillis())
                    .append(",connections_open=").append(b.activeConnections())
                    .append(",connections_total=").append(b.totalConnections())
                    .append(",connect_failures=").append(b.connectFailures())
                    .append(",bytes_to_backend=").append(b.bytesToBackend())
                    .append(",bytes_from_backend=").append(b.bytesFromBackend())
                    .append(",server_timeouts=").append(b.serverTimeouts())
                    .append(",checks_ok=").append(b.checks(CheckResult.OK))
                    .append(",checks_failed=").append(failedChecks(b))
                    .append(",last_check=").append(last == null ? "none" : last.tag())
                    .append(",last_check_ms_ago=").append(last == null ? -1
                            : Duration.ofNanos(System.nanoTime() - b.lastCheckNanos()).toMillis())
                    .append('\n');
        }
        return page.toString();
    }

    private static long failedChecks(Backend backend) {
        long failed = 0;
        for (CheckResult result : CheckResult.values()) {
            if (result != CheckResult.OK) {
                failed += backend.checks(result);
            }
        }
        return failed;
    }

    private static void line(StringBuilder page, String name, Object value) {
        page.append(name).append(':').append(value).append('\n');
    }

    private static String hostPort(BalancerServer server) {
        return server.localAddress().getAddress().getHostAddress() + ":" + server.localAddress().getPort();
    }
}
