package org.c10klab.server.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.c10klab.protocol.command.BuiltinCommand;
import org.c10klab.protocol.command.CommandExecutor;
import org.c10klab.protocol.resp.ClientBufferBudget;
import org.c10klab.protocol.resp.RespCommand;
import org.c10klab.protocol.store.LruStore;

/**
 * One server's Micrometer registry, tagged with its model, with the meters of DESIGN section 4 and
 * the JVM binders. Counting is cheap and safe from any thread.
 */
public final class ServerMetrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    private final AtomicLong activeConnections = new AtomicLong();
    private final AtomicLong requestsInFlight = new AtomicLong();
    private final Counter accepted;
    private final Counter protocolErrors;
    private final ConcurrentMap<String, Counter> rejectedByReason = new ConcurrentHashMap<>();
    private final CommandLatencies latencies;
    /** The command names that get a timer of their own: the built-ins and the server's plugins. */
    private final Set<String> taggedCommands;

    /** The meters of a server without plugins. */
    public ServerMetrics(String model) {
        this(model, Set.of());
    }

    /**
     * @param pluginCommands the upper-case names of the server's plugin commands, each timed under
     *                       its own tag like a built-in
     */
    public ServerMetrics(String model, Set<String> pluginCommands) {
        Set<String> tagged = new HashSet<>(CommandExecutor.COMMAND_NAMES);
        tagged.addAll(pluginCommands);
        this.taggedCommands = Set.copyOf(tagged);
        registry.config().commonTags(MeterNames.TAG_MODEL, model);
        latencies = new CommandLatencies(model, registry.config().clock());
        registry.getPrometheusRegistry().register(latencies);
        // jvm.threads.states reads every thread's ThreadInfo on each scrape; with ~10k threads that
        // freezes the process (Micrometer issue 1805). jvm.threads.live and .peak stay.
        registry.config().meterFilter(MeterFilter.denyNameStartsWith("jvm.threads.states"));
        ProcessCpu.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        ResidentMemory.bindTo(registry);
        Gauge.builder(MeterNames.CONNECTIONS_ACTIVE, activeConnections, AtomicLong::get)
                .description("connections open now")
                .register(registry);
        Gauge.builder(MeterNames.REQUESTS_IN_FLIGHT, requestsInFlight, AtomicLong::get)
                .description("requests read whose reply is not written yet, a pending SLEEP included")
                .register(registry);
        accepted = Counter.builder(MeterNames.CONNECTIONS_ACCEPTED)
                .description("connections accepted since start")
                .register(registry);
        protocolErrors = Counter.builder(MeterNames.PROTOCOL_ERRORS)
                .description("requests that were not valid RESP; their connections were closed")
                .register(registry);
    }

    /** The registry, for model-specific meters. */
    public MeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    /** A connection was accepted and is now open. */
    public void connectionOpened() {
        accepted.increment();
        activeConnections.incrementAndGet();
    }

    /** An open connection closed, for any reason. */
    public void connectionClosed() {
        activeConnections.decrementAndGet();
    }

    /** Connections open now. */
    public long activeConnections() {
        return activeConnections.get();
    }

    /** Connections accepted since start. */
    public long acceptedConnections() {
        return (long) accepted.count();
    }

    /** A request was read; it is in flight until {@link #requestsSettled} counts it out. */
    public void requestReceived() {
        requestsInFlight.incrementAndGet();
    }

    /** {@code requests} in flight are over: answered, or given up because their connection closed. */
    public void requestsSettled(long requests) {
        requestsInFlight.addAndGet(-requests);
    }

    /** Requests read whose reply is not written yet: a pending SLEEP counts, and so do requests queued behind it. */
    public long requestsInFlight() {
        return requestsInFlight.get();
    }

    /** A connection was refused or closed for {@code reason} (see the {@code REASON_} names). */
    public void connectionRejected(String reason) {
        rejectedByReason.computeIfAbsent(reason, r -> Counter.builder(MeterNames.CONNECTIONS_REJECTED)
                .description("connections refused or closed by the server, by reason")
                .tag(MeterNames.TAG_REASON, r)
                .register(registry)).increment();
    }

    /** Rejections since start, by reason, for INFO. */
    public String rejectedSummary() {
        StringBuilder summary = new StringBuilder();
        rejectedByReason.forEach((reason, counter) ->
                summary.append(summary.isEmpty() ? "" : ",").append(reason).append('=').append((long) counter.count()));
        return summary.isEmpty() ? "none" : summary.toString();
    }

    /** A connection sent bytes that were not a valid request. */
    public void protocolError() {
        protocolErrors.increment();
        connectionRejected(MeterNames.REASON_PROTOCOL_ERROR);
    }

    /**
     * The name meters and the access log report for a command: the name itself when the server
     * implements it (a built-in or a plugin), else {@code OTHER}, so hostile names can neither grow
     * the registry nor forge a log line.
     */
    public String reportedCommand(String commandName) {
        return taggedCommands.contains(commandName) ? commandName : "OTHER";
    }

    /**
     * As {@link #reportedCommand(String)}, for a command whose name was resolved already: a built-in
     * is reported without building its name; only other names are decoded.
     *
     * @param builtin {@code BuiltinCommand.find} of the command's name; null when not a built-in
     */
    public String reportedCommand(BuiltinCommand builtin, RespCommand command) {
        return builtin != null ? builtin.name() : reportedCommand(command.name());
    }

    /**
     * The latency histogram for one command name, under its {@link #reportedCommand reported name}, with the
     * lab's {@link LatencyBuckets}; made at its first use so a command never run publishes no series.
     */
    public CommandLatency commandLatency(String commandName) {
        return latencies.of(reportedCommand(commandName));
    }

    /**
     * Publishes the lines {@code log} dropped (see {@link MeterNames#LOG_DROPPED}). The registry holds
     * {@code dropped} weakly, so the caller keeps it for as long as the meter should read it.
     */
    public void countLogDrops(String log, Number dropped) {
        FunctionCounter.builder(MeterNames.LOG_DROPPED, dropped, Number::doubleValue)
                .tag(MeterNames.TAG_LOG, log)
                .description("log lines dropped because the log's queue was full or closed")
                .register(registry);
    }

    /** Lines {@code log} dropped so far, as published; 0 before {@link #countLogDrops} was called for it. */
    public long logDrops(String log) {
        FunctionCounter counter = registry.find(MeterNames.LOG_DROPPED).tag(MeterNames.TAG_LOG, log).functionCounter();
        return counter == null ? 0 : (long) counter.count();
    }

    /** Publishes a gauge of virtual threads alive now, counted by the server. */
    public void gaugeVirtualThreads(Supplier<Number> liveVirtualThreads) {
        Gauge.builder(MeterNames.THREADS_VIRTUAL, liveVirtualThreads)
                .description("virtual threads alive now, counted by the server")
                .register(registry);
    }

    /** Publishes the bytes {@code budget} has reserved for connections now, and its limit. */
    public void gaugeClientBuffers(ClientBufferBudget budget) {
        Gauge.builder(MeterNames.CLIENT_BUFFER_BYTES, budget, ClientBufferBudget::reservedBytes)
                .description("request bytes all connections hold while their commands arrive")
                .register(registry);
        Gauge.builder(MeterNames.CLIENT_BUFFER_BUDGET_BYTES, budget, ClientBufferBudget::maxBytes)
                .description("the client buffer budget (--max-client-buffer-bytes); 0 = no limit")
                .register(registry);
    }

    /** Publishes the store's hits, misses and evictions since start, and the keys and bytes it holds now. */
    public void gaugeStore(LruStore store) {
        storeCounter(store, MeterNames.STORE_HITS, LruStore::hits, "GETs that found their key in the store");
        storeCounter(store, MeterNames.STORE_MISSES, LruStore::misses, "GETs that did not find their key in the store");
        storeCounter(store, MeterNames.STORE_EVICTIONS, LruStore::evictions,
                "entries the store dropped, least recently used first, to stay within its bounds");
        storeGauge(store, MeterNames.STORE_KEYS, LruStore::size, "keys the store holds now");
        storeGauge(store, MeterNames.STORE_BYTES, LruStore::bytes, "key plus value bytes the store holds now");
    }

    private void storeCounter(LruStore store, String name, ToDoubleFunction<LruStore> count, String description) {
        FunctionCounter.builder(name, store, count).description(description).register(registry);
    }

    private void storeGauge(LruStore store, String name, ToDoubleFunction<LruStore> value, String description) {
        Gauge.builder(name, store, value).description(description).register(registry);
    }

    @Override
    public void close() {
        gcMetrics.close();
        registry.close();
    }
}
