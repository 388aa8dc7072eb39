package org.c10klab.balancer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.c10klab.netty.NettyOptions;
import org.c10klab.netty.NettyServer;
import org.c10klab.netty.NettyServerCommand;
import org.c10klab.server.ServerOptions;
import org.c10klab.server.testing.HttpText;
import org.c10klab.server.testing.RawRespClient;
import picocli.CommandLine;

/**
 * Starts netty backends and a balancer in front of them, in this JVM on ephemeral ports, and tells
 * which backend a proxied connection landed on: each backend's own store holds its name under
 * {@link #IDENTITY_KEY}.
 */
final class BalancerTestUtil {

    static final String LOOPBACK = "127.0.0.1";
    static final String IDENTITY_KEY = "backend-name";
    /** Fast health checks, so a test sees a backend fall and rise within a second. */
    static final Duration HEALTH_INTERVAL = Duration.ofMillis(100);
    static final Duration HEALTH_TIMEOUT = Duration.ofMillis(200);
    static final int FALL = 2;
    static final int RISE = 2;

    private BalancerTestUtil() {
    }

    /** A RESP array of bulk strings, as a client library sends it. */
    static String command(String... words) {
        StringBuilder request = new StringBuilder("*").append(words.length).append("\r\n");
        for (String word : words) {
            request.append('$').append(word.length()).append("\r\n").append(word).append("\r\n");
        }
        return request.toString();
    }

    /** The name of the backend {@code client} is relayed to. */
    static String backendOf(RawRespClient client) throws IOException {
        String reply = client.call(command("GET", IDENTITY_KEY));
        if (!reply.startsWith("$") || reply.startsWith("$-1")) {
            throw new IOException("no backend name in reply " + reply);
        }
        return reply.substring(reply.indexOf("\r\n") + 2, reply.length() - 2);
    }

    /** A port nothing listens on right now. */
    static int unusedPort() throws IOException {
        return unusedPorts(1)[0];
    }

    /** {@code count} different ports nothing listens on right now: all probes are open at once, so none repeats. */
    static int[] unusedPorts(int count) throws IOException {
        List<ServerSocket> probes = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                probes.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return probes.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } finally {
            for (ServerSocket probe : probes) {
                probe.close();
            }
        }
    }

    /** Starts a balancer over {@code backends} with the fast health checks, after {@code tweak} adjusted its options. */
    static TestBalancer balancer(Consumer<BalancerOptions> tweak, TestBackend... backends) throws IOException {
        BalancerOptions options = new BalancerOptions();
        options.port = 0;
        options.metricsPort = -1;
        options.healthInterval = HEALTH_INTERVAL;
        options.healthTimeout = HEALTH_TIMEOUT;
        options.fall = FALL;
        options.rise = RISE;
        options.backends = new ArrayList<>(Arrays.stream(backends).map(TestBackend::hostPort).toList());
        tweak.accept(options);
        return new TestBalancer(BalancerServer.start(options));
    }

    /** A netty backend for one test, named in its own store. */
    record TestBackend(NettyServer server, String name) implements AutoCloseable {

        /** Starts backend {@code name} on {@code port} (0 for any free one). */
        static TestBackend start(String name, int port) throws IOException {
            CommandLine parsed = new CommandLine(new NettyServerCommand());
            parsed.parseArgs("--port", Integer.toString(port), "--metrics-port", "-1", "--io-threads", "1");
            TestBackend backend = new TestBackend(
                    NettyServer.start(mixin(parsed, ServerOptions.class), mixin(parsed, NettyOptions.class)), name);
            try (RawRespClient client = new RawRespClient(backend.address())) {
                client.call(command("SET", IDENTITY_KEY, name));
            }
            return backend;
        }

        InetSocketAddress address() {
            return new InetSocketAddress(LOOPBACK, server.localAddress().getPort());
        }

        int port() {
            return server.localAddress().getPort();
        }

        String hostPort() {
            return LOOPBACK + ":" + port();
        }

        /** Stops at once: the listener closes (connects are refused) and every connection is closed. */
        @Override
        public void close() throws InterruptedException {
            server.stop(Duration.ZERO);
            server.awaitStopped();
            server.metrics().close();
        }

        private static <T> T mixin(CommandLine parsed, Class<T> type) {
            Map<String, Object> mixins = parsed.getMixins();
            return mixins.values().stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
        }
    }

    /** A balancer started for one test; closing it stops it. */
    record TestBalancer(BalancerServer server) implements AutoCloseable {

        InetSocketAddress address() {
            return new InetSocketAddress(LOOPBACK, server.localAddress().getPort());
        }

        RawRespClient connect() throws IOException {
            return new RawRespClient(address());
        }

        /** The balancer's view of {@code backend}. */
        Backend backend(TestBackend backend) {
            return server.pool().backends().stream()
                    .filter(b -> b.address().getPort() == backend.port())
                    .findFirst().orElseThrow();
        }

        /** The body of {@code GET path} on the metrics port, which must answer 200. */
        String httpGet(String path) throws IOException, InterruptedException {
            return HttpText.get("http://" + server.metricsAddress() + path);
        }

        @Override
        public void close() throws InterruptedException {
            server.stop();
            server.awaitStopped();
        }
    }
}
