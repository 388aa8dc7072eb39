package org.c10klab.balancer;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.c10klab.server.DurationConverter;
import org.c10klab.server.KernelSettings;
import org.c10klab.server.LoadTarget;
import org.c10klab.server.transport.TransportSelection;
import picocli.CommandLine.Option;

/**
 * The balancer's options, as a picocli mixin; the field initializers are the defaults, so an instance
 * built without picocli is usable too.
 */
public final class BalancerOptions {

    /** The default port: the lab servers' 7379 plus one, so both run side by side. */
    public static final int DEFAULT_PORT = 7380;

    /** A backend silent for a day is dead; the cap also keeps the timer's nanoseconds far from overflow. */
    static final Duration MAX_SERVER_TIMEOUT = Duration.ofHours(24);

    @Option(names = "--port", description = "TCP port clients connect to; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    public int port = DEFAULT_PORT;

    @Option(names = "--bind",
            description = "Address to bind (default: ${DEFAULT-VALUE}); 0.0.0.0 exposes the balancer to your network.")
    public String bind = "127.0.0.1";

    @Option(names = "--backends", required = true, split = ",", paramLabel = "HOST:PORT",
            description = "The servers to spread connections over, comma-separated, e.g. 127.0.0.1:7391,127.0.0.1:7392.")
    public List<String> backends = new ArrayList<>();

    @Option(names = "--strategy",
            description = "round-robin (each healthy backend in turn) or least-connections (the healthy backend "
                    + "with the fewest open connections) (default: ${DEFAULT-VALUE}).")
    public String strategy = Strategy.ROUND_ROBIN.cliName();

    @Option(names = "--health-interval", converter = DurationConverter.class,
            description = "How often each backend gets a health check: a fresh connection and a PING "
                    + "(default: 1s).")
    public Duration healthInterval = Duration.ofSeconds(1);

    @Option(names = "--health-timeout", converter = DurationConverter.class,
            description = "How long a health check may take to connect and get +PONG (default: 500ms).")
    public Duration healthTimeout = Duration.ofMillis(500);

    @Option(names = "--fall",
            description = "Failed health checks in a row that take a backend down (default: ${DEFAULT-VALUE}).")
    public int fall = 3;

    @Option(names = "--rise",
            description = "Passed health checks in a row that bring a down backend back (default: ${DEFAULT-VALUE}).")
    public int rise = 2;

    @Option(names = "--connect-timeout", converter = DurationConverter.class,
            description = "How long a client's connect to a backend may take before the backend is suspect and "
                    + "the client is retried on the next one (default: 1s).")
    public Duration connectTimeout = Duration.ofSeconds(1);

    @Option(names = "--server-timeout", converter = DurationConverter.class,
            description = "How long a backend may stay silent while a client waits for it (bytes went to the "
                    + "backend after the last ones came back); then the client and backend connections are "
                    + "closed. Connections where nobody waits are never cut by it. 0 = off, at most 24h "
                    + "(default: 30s).")
    public Duration serverTimeout = Duration.ofSeconds(30);

    @Option(names = "--backlog",
            description = "listen() backlog; the kernel clamps it to net.core.somaxconn (default: somaxconn).")
    public int backlog = -1;

    @Option(names = "--metrics-port",
            description = "Port for /metrics, /status and /health; 0 picks a free one, -1 turns it off "
                    + "(default: ${DEFAULT-VALUE}).")
    public int metricsPort;

    @Option(names = "--transport",
            description = "auto, io_uring, epoll or nio; auto takes the first available in that order "
                    + "(default: ${DEFAULT-VALUE}).")
    public String transport = TransportSelection.AUTO;

    @Option(names = "--io-threads",
            description = "Event loop threads relaying bytes (default: the number of cores, ${DEFAULT-VALUE}).")
    public int ioThreads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--allow-remote",
            description = "Allow backends outside 127.0.0.0/8 and ::1; put only machines you own behind the balancer.")
    public boolean allowRemote;

    /**
     * Checks every value and resolves the backends.
     *
     * @return the backends' addresses, in the order given
     * @throws IllegalArgumentException naming the option and the accepted range, for any bad value
     */
    List<InetSocketAddress> validate() {
        Strategy.fromCliName(strategy);
        requirePositive("--health-interval", healthInterval);
        requirePositive("--health-timeout", healthTimeout);
        requirePositive("--connect-timeout", connectTimeout);
        if (serverTimeout.isNegative() || serverTimeout.compareTo(MAX_SERVER_TIMEOUT) > 0) {
            throw new IllegalArgumentException("--server-timeout: " + DurationConverter.format(serverTimeout)
                    + " (expected: 0 = off, or up to " + DurationConverter.format(MAX_SERVER_TIMEOUT) + ")");
        }
        requireAtLeastOne("--fall", fall);
        requireAtLeastOne("--rise", rise);
        requireAtLeastOne("--io-threads", ioThreads);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port: " + port + " (expected: 0..65535)");
        }
        if (metricsPort < -1 || metricsPort > 65535) {
            throw new IllegalArgumentException("--metrics-port: " + metricsPort + " (expected: -1..65535)");
        }
        if (backends.isEmpty()) {
            throw new IllegalArgumentException("--backends: none given (expected e.g. 127.0.0.1:7391,127.0.0.1:7392)");
        }
        List<InetSocketAddress> addresses = new ArrayList<>();
        Set<InetSocketAddress> seen = new HashSet<>();
        for (String backend : backends) {
            InetSocketAddress address = LoadTarget.resolve(backend.trim(), "--backends", "relay clients to", allowRemote);
            if (!seen.add(address)) {
                throw new IllegalArgumentException("--backends: " + backend + " is listed twice");
            }
            addresses.add(address);
        }
        return addresses;
    }

    /** The strategy {@link #strategy} names; call after {@link #validate()}. */
    Strategy strategy() {
        return Strategy.fromCliName(strategy);
    }

    /** The backlog to pass to listen(): the requested one, or somaxconn when none was given. */
    int requestedBacklog() {
        return backlog > 0 ? backlog : KernelSettings.somaxconn();
    }

    private static void requirePositive(String option, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(option + ": " + DurationConverter.format(value) + " (expected: > 0)");
        }
    }

    private static void requireAtLeastOne(String option, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(option + ": " + value + " (expected: >= 1)");
        }
    }
}
