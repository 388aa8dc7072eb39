package org.c10klab.netty;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.c10klab.protocol.server.ListeningLine;
import org.c10klab.protocol.server.ServerOptions;
import org.c10klab.protocol.testing.RawRespClient;
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

    /** Starts a server on an ephemeral port without a metrics endpoint, parsing {@code extraArgs} as the CLI would. */
    static TestServer start(String... extraArgs) throws IOException {
        List<String> args = new ArrayList<>(List.of("--port", "0", "--metrics-port", "-1"));
        args.addAll(Arrays.asList(extraArgs));
        CommandLine parsed = new CommandLine(new NettyServerCommand());
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
     * Waits up to two seconds for {@link #serverThreads()} to reach {@code expected}: a terminated
     * executor's thread may take a moment more to exit.
     *
     * @return the count when it got there or time ran out
     */
    static long awaitServerThreads(long expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (serverThreads() != expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return serverThreads();
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
    static final class ChildServer implements AutoCloseable {

        private final Process process;
        private final BufferedReader stdout;
        private final Path stderr;
        private final ListeningLine listening;

        /**
         * @param openFileLimit the child's {@code ulimit -n}, or 0 to inherit this JVM's
         * @param serverArgs    options after {@code --port 0}, e.g. {@code --metrics-port -1}
         */
        ChildServer(int openFileLimit, String... serverArgs) throws IOException {
            List<String> java = new ArrayList<>(List.of(
                    ProcessHandle.current().info().command().orElseThrow(),
                    "--enable-native-access=ALL-UNNAMED",
                    "-cp", System.getProperty("java.class.path"),
                    NettyServerCommand.class.getName(),
                    "--port", "0"));
            java.addAll(Arrays.asList(serverArgs));
            List<String> command = new ArrayList<>();
            if (openFileLimit > 0) {
                // exec keeps the JVM as the process we signal, with the lowered limit.
                command.addAll(List.of("bash", "-c", "ulimit -n " + openFileLimit + " && exec \"$@\"", "bash"));
            }
            command.addAll(java);
            stderr = Files.createTempFile("netty-server", ".stderr");
            process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
            stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            listening = awaitListening();
        }

        private ListeningLine awaitListening() throws IOException {
            String line;
            while ((line = stdout.readLine()) != null) {
                if (ListeningLine.matches(line)) {
                    return ListeningLine.parse(line);
                }
            }
            throw new IOException("the server exited with " + waitForExit() + " before it printed a LISTENING line");
        }

        ListeningLine listening() {
            return listening;
        }

        Process process() {
            return process;
        }

        /** Everything the server wrote to stderr so far: the transport line and its logs. */
        String stderr() throws IOException {
            return Files.readString(stderr);
        }

        /** CPU time the server process has used so far, from /proc (user plus system). */
        Duration cpuTime() throws IOException {
            String stat = Files.readAllLines(Path.of("/proc/" + process.pid() + "/stat")).get(0);
            // Fields after the parenthesised command name; utime and stime are the 12th and 13th.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return Duration.ofMillis(ticks * 1000 / CLOCK_TICKS_PER_SECOND);
        }

        RawRespClient connect() throws IOException {
            return new RawRespClient(new InetSocketAddress(LOOPBACK, listening.port()));
        }

        /** The body of {@code GET path} on the metrics endpoint, which must answer 200. */
        String httpGet(String path) throws IOException {
            HttpURLConnection http = (HttpURLConnection) URI.create("http://" + listening.metrics() + path).toURL()
                    .openConnection();
            try {
                http.setConnectTimeout(2_000);
                http.setReadTimeout(10_000);
                if (http.getResponseCode() != 200) {
                    throw new IOException("GET " + path + " answered " + http.getResponseCode());
                }
                try (InputStream body = http.getInputStream()) {
                    return new String(body.readAllBytes(), StandardCharsets.UTF_8);
                }
            } finally {
                http.disconnect();
            }
        }

        /** Sends SIGTERM. */
        void terminate() {
            process.destroy();
        }

        int waitForExit() {
            try {
                return process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }

        @Override
        public void close() throws IOException {
            process.destroyForcibly();
            waitForExit();
            Files.deleteIfExists(stderr);
        }
    }
}
