package org.c10klab.server;

import java.nio.file.Path;
import java.time.Duration;
import org.c10klab.protocol.ProtocolLimits;
import org.c10klab.protocol.plugin.CommandPlugins;
import org.c10klab.protocol.plugin.PluginException;
import org.c10klab.protocol.resp.ClientBufferBudget;
import org.c10klab.server.log.LoggingOptions;
import org.c10klab.server.plugin.PluginLoader;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options every server model takes (DESIGN section 3), as a picocli mixin. */
public final class ServerOptions {

    /** The default port: Redis's 6379 plus 1000, so a real Redis can run beside the lab. */
    public static final int DEFAULT_PORT = 7379;
    /** The smallest client buffer budget: one default-length inline command (64 KiB) must fit. */
    public static final long MIN_CLIENT_BUFFER_BYTES = ProtocolLimits.DEFAULT_MAX_INLINE_BYTES;

    @Option(names = "--port", defaultValue = "" + DEFAULT_PORT,
            description = "TCP port to accept on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    public int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1",
            description = "Address to bind (default: ${DEFAULT-VALUE}); 0.0.0.0 exposes the server to your network.")
    public String bind;

    @Option(names = "--backlog", defaultValue = "-1",
            description = "listen() backlog; the kernel clamps it to net.core.somaxconn (default: somaxconn).")
    public int backlog;

    @Option(names = "--metrics-port", defaultValue = "0",
            description = "Port for /metrics and /health; 0 picks a free one, -1 turns it off (default: ${DEFAULT-VALUE}).")
    public int metricsPort;

    @Option(names = "--max-connections", defaultValue = "0",
            description = "Stop accepting while this many connections are open, so later ones wait in "
                    + "the kernel's accept queue; 0 = no limit (default: ${DEFAULT-VALUE}).")
    public int maxConnections;

    @Option(names = "--drain-timeout", defaultValue = "5s", converter = DurationConverter.class,
            description = "On SIGTERM/SIGINT, how long in-flight commands may finish (default: ${DEFAULT-VALUE}).")
    public Duration drainTimeout;

    @Option(names = "--request-timeout", defaultValue = "10s", converter = DurationConverter.class,
            description = "A request whose first byte has arrived must be complete within this, or the connection "
                    + "gets '-ERR request timeout' and is closed; idle time between requests does not count "
                    + "(see --idle-timeout); 0 = no limit (default: ${DEFAULT-VALUE}).")
    public Duration requestTimeout;

    @Option(names = "--max-bulk-bytes", defaultValue = "" + ProtocolLimits.DEFAULT_MAX_BULK_BYTES,
            description = "Longest bulk string argument (default: ${DEFAULT-VALUE}).")
    public int maxBulkBytes;

    @Option(names = "--max-inline-bytes", defaultValue = "" + ProtocolLimits.DEFAULT_MAX_INLINE_BYTES,
            description = "Longest inline command line (default: ${DEFAULT-VALUE}).")
    public int maxInlineBytes;

    @Option(names = "--max-arguments", defaultValue = "" + ProtocolLimits.DEFAULT_MAX_ARGUMENTS,
            description = "Most arguments in one command (default: ${DEFAULT-VALUE}).")
    public int maxArguments;

    @Option(names = "--max-sleep-ms", defaultValue = "" + ProtocolLimits.DEFAULT_MAX_SLEEP_MILLIS,
            description = "Largest SLEEP in milliseconds (default: ${DEFAULT-VALUE}).")
    public long maxSleepMillis;

    @Option(names = "--max-work-us", defaultValue = "" + ProtocolLimits.DEFAULT_MAX_WORK_MICROS,
            description = "Largest WORK in microseconds (default: ${DEFAULT-VALUE}).")
    public long maxWorkMicros;

    @Option(names = "--store-max-entries", defaultValue = "" + ProtocolLimits.DEFAULT_STORE_MAX_ENTRIES,
            description = "Most keys in the store before LRU eviction (default: ${DEFAULT-VALUE}).")
    public int storeMaxEntries;

    @Option(names = "--store-max-bytes", defaultValue = "" + ProtocolLimits.DEFAULT_STORE_MAX_BYTES,
            description = "Most key plus value bytes in the store before LRU eviction (default: ${DEFAULT-VALUE}).")
    public long storeMaxBytes;

    @Option(names = "--max-client-buffer-bytes",
            description = "Most request bytes all connections together may hold while their commands arrive, like "
                    + "Redis's maxmemory-clients: past it the connection holding the most gets '-ERR client buffer "
                    + "budget exceeded' and is closed; 0 = no limit (default: a quarter of the max heap, -Xmx).")
    public Long maxClientBufferBytes;

    @Option(names = "--plugins", paramLabel = "DIR",
            description = "Load extra commands from the plugin jars in DIR (see the README's Plugins section); "
                    + "a jar that fails to load or clashes stops the start (default: no plugins).")
    public Path pluginFolder;

    /** {@code --access-log}, {@code --log-file} and the other logging options. */
    @Mixin
    public LoggingOptions logging = new LoggingOptions();

    /** The protocol limits these options describe. */
    public ProtocolLimits limits() {
        return new ProtocolLimits(maxBulkBytes, maxInlineBytes, maxArguments, maxSleepMillis, maxWorkMicros,
                storeMaxEntries, storeMaxBytes);
    }

    /**
     * The server-wide budget for buffered request bytes that {@code --max-client-buffer-bytes} describes.
     *
     * @throws IllegalArgumentException when the value is out of range
     */
    public ClientBufferBudget clientBufferBudget() {
        long maxBytes = maxClientBufferBytes != null ? maxClientBufferBytes : Runtime.getRuntime().maxMemory() / 4;
        if (maxBytes != 0 && maxBytes < MIN_CLIENT_BUFFER_BYTES) {
            throw new IllegalArgumentException("--max-client-buffer-bytes: " + maxBytes
                    + " (expected: 0 for no limit, or >= " + MIN_CLIENT_BUFFER_BYTES + ")");
        }
        return new ClientBufferBudget(maxBytes);
    }

    /**
     * The plugin commands of {@code --plugins}, or none without it.
     *
     * @throws PluginException naming the jar at fault
     */
    public CommandPlugins plugins() throws PluginException {
        return pluginFolder == null ? CommandPlugins.NONE : PluginLoader.load(pluginFolder);
    }

    /** The backlog to pass to listen(): the requested one, or somaxconn when none was given. */
    public int requestedBacklog() {
        return backlog > 0 ? backlog : KernelSettings.somaxconn();
    }
}
