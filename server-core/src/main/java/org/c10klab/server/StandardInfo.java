package org.c10klab.server;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.c10klab.protocol.resp.ClientBufferBudget;
import org.c10klab.server.observe.MeterNames;
import org.c10klab.server.observe.ServerMetrics;

/** The INFO fields every model reports; a model adds its own (transport, virtual threads, pool size). */
public final class StandardInfo {

    private final String model;
    private final int requestedBacklog;
    private final int effectiveBacklog;
    private final ServerMetrics metrics;
    private final ClientBufferBudget clientBuffers;
    private final long startNanos = System.nanoTime();

    public StandardInfo(String model, int requestedBacklog, ServerMetrics metrics, ClientBufferBudget clientBuffers) {
        this.model = model;
        this.requestedBacklog = requestedBacklog;
        this.effectiveBacklog = KernelSettings.effectiveBacklog(requestedBacklog);
        this.metrics = metrics;
        this.clientBuffers = clientBuffers;
    }

    /** The common fields, in INFO order, ready for a model to append to. */
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("model", model);
        fields.put("backlog_configured", requestedBacklog);
        fields.put("backlog_effective", effectiveBacklog);
        fields.put("somaxconn", KernelSettings.somaxconn());
        fields.put("connections_open", metrics.activeConnections());
        fields.put("connections_total", metrics.acceptedConnections());
        fields.put("connections_rejected", metrics.rejectedSummary());
        // The INFO being answered is one of them, as its connection is one of connections_open.
        fields.put("requests_in_flight", metrics.requestsInFlight());
        fields.put("client_buffer_bytes", clientBuffers.reservedBytes());
        fields.put("client_buffer_budget_bytes", clientBuffers.maxBytes());
        fields.put("log_dropped_access", metrics.logDrops(MeterNames.LOG_ACCESS));
        fields.put("log_dropped_server", metrics.logDrops(MeterNames.LOG_SERVER));
        // ThreadMXBean counts platform threads only; models with virtual threads add their own count.
        fields.put("threads_platform", ManagementFactory.getThreadMXBean().getThreadCount());
        fields.put("uptime_seconds", Duration.ofNanos(System.nanoTime() - startNanos).toSeconds());
        fields.put("process_id", ProcessHandle.current().pid());
        fields.put("java_version", Runtime.version().toString());
        return fields;
    }

    /** min(requested backlog, somaxconn), as read at start. */
    public int effectiveBacklog() {
        return effectiveBacklog;
    }
}
