package org.c10klab.balancer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.c10klab.server.observe.LatencyBuckets;
import org.c10klab.server.observe.ProcessCpu;
import org.c10klab.server.observe.ResidentMemory;

/**
 * The balancer's Micrometer registry: client connections, and per backend (tagged
 * {@code backend=HOST:PORT}) connect times, connections, bytes, server timeouts, state and health checks, read from the
 * {@link Backend}s themselves so {@code /metrics} and {@code /status} never disagree. Safe from any thread.
 */
public final class BalancerMetrics implements AutoCloseable {

    /** Gauge: client connections open now. */
    public static final String CLIENTS_ACTIVE = "balancer.clients.active";
    /** Counter: client connections accepted since start. */
    public static final String CLIENTS_ACCEPTED = "balancer.clients.accepted";
    /** Counter: client connections closed at once because no backend was up. */
    public static final String CLIENTS_REJECTED = "balancer.clients.rejected";
    /** Counter: client connections retried on another backend after a failed connect. */
    public static final String CLIENTS_RETRIED = "balancer.clients.retried";
    /** Gauge per backend: proxied connections open now. */
    public static final String BACKEND_CONNECTIONS_ACTIVE = "balancer.backend.connections.active";
    /** Counter per backend: proxied connections that reached it. */
    public static final String BACKEND_CONNECTIONS = "balancer.backend.connections";
    /** Timer per backend: how long a successful connect to it took, the wait it adds before a client is read. */
    public static final String BACKEND_CONNECT = "balancer.backend.connect";
    /** Counter per backend: connects that failed and made it suspect. */
    public static final String BACKEND_CONNECT_FAILURES = "balancer.backend.connect.failures";
    /** Counter per backend, in bytes: relayed from clients to it ({@code balancer_backend_sent_bytes_total}). */
    public static final String BACKEND_BYTES_SENT = "balancer.backend.sent";
    /** Counter per backend, in bytes: relayed from it to clients ({@code balancer_backend_received_bytes_total}). */
    public static final String BACKEND_BYTES_RECEIVED = "balancer.backend.received";
    /** Counter per backend: proxied connections closed because it was silent beyond {@code --server-timeout}. */
    public static final String BACKEND_SERVER_TIMEOUTS = "balancer.backend.server.timeouts";
    /** Gauge per backend: 1 up, 0.5 suspect, 0 down. */
    public static final String BACKEND_STATE = "balancer.backend.state";
    /** Counter per backend and {@code result} ({@code ok}, {@code refused}, ...): health checks. */
    public static final String BACKEND_HEALTH_CHECKS = "balancer.backend.health.checks";
    /** Tag naming the backend, {@code HOST:PORT}. */
    public static final String TAG_BACKEND = "backend";
    /** Tag on {@link #BACKEND_HEALTH_CHECKS}: how the check ended. */
    public static final String TAG_RESULT = "result";
    /** Tag on {@link #CLIENTS_REJECTED}: why. */
    public static final String TAG_REASON = "reason";
    /** Rejection reason: every backend was down or suspect. */
    public static final String REASON_NO_BACKEND = "no_backend";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    private final AtomicLong clientsActive = new AtomicLong();
    private final Counter clientsAccepted;
    private final Counter clientsRejected;
    private final Counter clientsRetried;
    /** Filled in the constructor, read-only after: safe from any thread. */
    private final Map<Backend, Timer> connectTimers = new IdentityHashMap<>();

    /**
     * @param connectTimeout the balancer's {@code --connect-timeout}: the top bucket of the connect histograms
     */
    BalancerMetrics(BackendPool pool, Duration connectTimeout) {
        // jvm.threads.states reads every thread's ThreadInfo on each scrape (Micrometer issue 1805).
        registry.config().meterFilter(MeterFilter.denyNameStartsWith("jvm.threads.states"));
        ProcessCpu.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        ResidentMemory.bindTo(registry);
        Gauge.builder(CLIENTS_ACTIVE, clientsActive, AtomicLong::get)
                .description("client connections open now").register(registry);
        clientsAccepted = Counter.builder(CLIENTS_ACCEPTED)
                .description("client connections accepted since start").register(registry);
        clientsRejected = Counter.builder(CLIENTS_REJECTED).tag(TAG_REASON, REASON_NO_BACKEND)
                .description("client connections closed at once because no backend was up").register(registry);
        clientsRetried = Counter.builder(CLIENTS_RETRIED)
                .description("client connections retried on another backend after a failed connect")
                .register(registry);
        for (Backend backend : pool.backends()) {
            register(backend, connectTimeout);
        }
    }

    private void register(Backend backend, Duration connectTimeout) {
        Tags tags = Tags.of(TAG_BACKEND, backend.label());
        connectTimers.put(backend, LatencyBuckets.timer(BACKEND_CONNECT,
                "time to connect to the backend, successful connects", connectTimeout).tags(tags).register(registry));
        Gauge.builder(BACKEND_CONNECTIONS_ACTIVE, backend, Backend::activeConnections).tags(tags)
                .description("proxied connections open to the backend now").register(registry);
        Gauge.builder(BACKEND_STATE, backend, b -> b.state().gaugeValue()).tags(tags)
                .description("the backend's state: 1 up, 0.5 suspect, 0 down").register(registry);
        FunctionCounter.builder(BACKEND_CONNECTIONS, backend, Backend::totalConnections).tags(tags)
                .description("proxied connections that reached the backend").register(registry);
        FunctionCounter.builder(BACKEND_CONNECT_FAILURES, backend, Backend::connectFailures).tags(tags)
                .description("connects to the backend that failed and made it suspect").register(registry);
        FunctionCounter.builder(BACKEND_BYTES_SENT, backend, Backend::bytesToBackend).tags(tags)
                .description("bytes relayed from clients to the backend").baseUnit("bytes").register(registry);
        FunctionCounter.builder(BACKEND_BYTES_RECEIVED, backend, Backend::bytesFromBackend).tags(tags)
                .description("bytes relayed from the backend to clients").baseUnit("bytes").register(registry);
        FunctionCounter.builder(BACKEND_SERVER_TIMEOUTS, backend, Backend::serverTimeouts).tags(tags)
                .description("proxied connections closed because the backend was silent beyond --server-timeout")
                .register(registry);
        for (CheckResult result : CheckResult.values()) {
            FunctionCounter.builder(BACKEND_HEALTH_CHECKS, backend, b -> b.checks(result))
                    .tags(tags.and(TAG_RESULT, result.tag()))
                    .description("health checks of the backend, by how they ended").register(registry);
        }
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    void clientOpened() {
        clientsAccepted.increment();
        clientsActive.incrementAndGet();
    }

    void clientClosed() {
        clientsActive.decrementAndGet();
    }

    void backendConnected(Backend backend, long connectNanos) {
        connectTimers.get(backend).record(connectNanos, TimeUnit.NANOSECONDS);
    }

    void clientRejected() {
        clientsRejected.increment();
    }

    void clientRetried() {
        clientsRetried.increment();
    }

    /** Client connections open now. */
    public long clientsActive() {
        return clientsActive.get();
    }

    /** Client connections accepted since start. */
    public long clientsAccepted() {
        return (long) clientsAccepted.count();
    }

    /** Client connections closed because no backend was up, since start. */
    public long clientsRejected() {
        return (long) clientsRejected.count();
    }

    /** Client connections retried on another backend, since start. */
    public long clientsRetried() {
        return (long) clientsRetried.count();
    }

    @Override
    public void close() {
        gcMetrics.close();
        registry.close();
    }
}
