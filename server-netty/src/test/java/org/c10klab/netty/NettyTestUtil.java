package org.c10klab.netty;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.c10klab.server.ServerOptions;
import org.c10klab.server.testing.ChildServerProcess;
import org.c10klab.server.testing.HttpText;
import org.c10klab.server.testing.RawRespClient;
import org.c10klab.server.testing.ServerStates;
import picocli.CommandLine;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;

/** Starts netty servers for tests (in this JVM or as a child process) and talks RESP to them. */
final class NettyTestUtil {

    static final String LOOPBACK = "127.0.0.1";
    /** USER_HZ, the unit of CPU times in /proc: 100 on every Linux architecture Java runs on. */
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private NettyTestUtil() {
    }

    /**
     * Starts a server on an ephemeral port (unless {@code extraArgs} name one) without a metrics endpoint, parsing
     * {@code extraArgs} as the CLI would.
     */
    static TestServer start(String... extraArgs) throws IOException {
        List<String> args = new ArrayList<>(List.of("--port", "0", "--metrics-port", "-1"));
        args.addAll(Arrays.asList(extraArgs));
        CommandLine parsed = new CommandLine(new NettyServerCommand()).setOverwrittenOptionsAllowed(true);
        parsed.parseArgs(args.toArray(String[]::new));
        return new TestServer(NettyServer.start(mixin(parsed, ServerOptions.class), mixin(parsed, NettyOptions.class)));
    }

    private static <T> T mixin(CommandLine parsed, Class<T> type) {
        Map<String, Object> mixins = parsed.getMixins();
        return mixins.values().stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }

    /** The value of one {@code name:value} line of an INFO reply. */
    static String infoField(String info, String name) {
        for (String line : info.split("\r\n")) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1);
            }
        }
        throw new AssertionError("INFO has no field " + name + ":\n" + info);
    }

    /** Threads a netty server of this JVM runs: its accept loop, I/O loops and offload pool. */
    static long serverThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().matches("netty-(accept|io|offload)-.*"))
                .count();
    }

    /**
     * Waits until no {@link #serverThreads() server thread} is left, failing as {@code description}:
     * a terminated executor's thread may take a moment more to exit.
     */
    static void awaitNoServerThreads(String description) {
        ServerStates.await().untilAsserted(() -> assertThat(serverThreads()).as(description).isZero());
    }

    /** A RESP array of bulk strings, as a client library sends it. */
    static String command(String... words) {
        StringBuilder request = new StringBuilder("*").append(words.length).append("\r\n");
        for (String word : words) {
            request.append('$').append(word.getBytes(StandardCharsets.ISO_8859_1).length).append("\r\n")
                    .append(word).append("\r\n");
        }
        return request.toString();
    }

    /** A server started for one test; closing it stops it and releases its meters. */
    record TestServer(NettyServer server) implements AutoCloseable {

        InetSocketAddress address() {
            return new InetSocketAddress(LOOPBACK, server.localAddress().getPort());
        }

        RawRespClient connect() throws IOException {
            return new RawRespClient(address());
        }

        /** Waits until exactly {@code expected} requests are read and not yet answered (a pending SLEEP counts). */
        void awaitRequestsInFlight(long expected) {
            ServerStates.awaitRequestsInFlight(server.metrics(), expected);
        }

        /** A Redis client that speaks RESP2 without asking: the lab has no HELLO, as Redis before 6. */
        Jedis jedis() {
            return new Jedis(LOOPBACK, server.localAddress().getPort(),
                    DefaultJedisClientConfig.builder().autoNegotiateProtocol(false).timeoutMillis(10_000).build());
        }

        @Override
        public void close() throws InterruptedException {
            server.stop(Duration.ofSeconds(2));
            server.awaitStopped();
            server.metrics().close();
        }
    }

    /** A netty server running as a child JVM started through {@link NettyServerCommand#main}. */
    static final class ChildServer extends ChildServerProcess {

        /**
         * @param openFileLimit the child's {@code ulimit -n}, or 0 to inherit this JVM's
         * @param serverArgs    options after {@code --port 0}, e.g. {@code --metrics-port -1}
         */
        ChildServer(int openFileLimit, String... serverArgs) throws IOException {
            super(NettyServerCommand.class, openFileLimit, withEphemeralPort(serverArgs));
        }

        /**
         * @param jvmOptions e.g. a small heap, {@code -Xmx48m}
         * @param serverArgs options after {@code --port 0}
         */
        ChildServer(List<String> jvmOptions, String... serverArgs) throws IOException {
            super(NettyServerCommand.class, 0, jvmOptions, withEphemeralPort(serverArgs));
        }

        private static List<String> withEphemeralPort(String... serverArgs) {
            List<String> args = new ArrayList<>(List.of("--port", "0"));
            args.addAll(Arrays.asList(serverArgs));
            return args;
        }

        /** CPU time the server process has used so far, from /proc (user plus system). */
        Duration cpuTime() throws IOException {
            String stat = Files.readAllLines(Path.of("/proc/" + process().pid() + "/stat")).get(0);
            // Fields after the parenthesised command name; utime and stime are the 12th and 13th.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return Duration.ofMillis(ticks * 1000 / CLOCK_TICKS_PER_SECOND);
        }

        /** The body of {@code GET path} on the metrics endpoint, which must answer 200. */
        String httpGet(String path) throws IOException, InterruptedException {
            return HttpText.get("http://" + listening().metrics() + path);
        }
    }
}
