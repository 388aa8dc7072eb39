package org.c10klab.blocking;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.c10klab.server.ServerOptions;
import org.c10klab.server.testing.ChildServerProcess;
import org.c10klab.server.testing.RawRespClient;
import org.c10klab.server.testing.ServerStates;
import picocli.CommandLine;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;

/** Starts blocking servers for tests, in this JVM or as child processes, and talks raw RESP to them. */
final class BlockingTestUtil {

    /**
     * Options every test server gets. An explicit backlog: tests open hundreds of connections at
     * once, and a SYN dropped by a full accept queue costs a one-second retransmission.
     */
    static final List<String> TEST_ARGS = List.of("--port", "0", "--metrics-port", "-1", "--backlog", "1024");

    private BlockingTestUtil() {
    }

    /** Starts {@code model} in this JVM on an ephemeral port, with extra options such as limits. */
    static RunningServer start(Model model, String... extraArgs) throws IOException {
        List<String> args = new ArrayList<>(TEST_ARGS);
        args.addAll(List.of("--model", model.cliName()));
        args.addAll(Arrays.asList(extraArgs));
        CommandLine parsed = new CommandLine(new BlockingServerCommand());
        parsed.parseArgs(args.toArray(String[]::new));
        return new RunningServer(BlockingServer.start(mixin(parsed, ServerOptions.class), mixin(parsed, BlockingOptions.class)));
    }

    /** The parsed mixin of {@code type}, as the lead's launcher extracts it. */
    static <T> T mixin(CommandLine parsed, Class<T> type) {
        return parsed.getMixins().values().stream().filter(type::isInstance).map(type::cast).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + type.getSimpleName() + " mixin"));
    }

    /** {@code INFO}'s {@code field:value} lines as a map. */
    static Map<String, String> parseInfo(String info) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : info.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) {
                fields.put(line.substring(0, colon), line.substring(colon + 1));
            }
        }
        return fields;
    }

    /** A RESP request of bulk strings, e.g. {@code resp("SET", "k", "v")}. */
    static String resp(String... words) {
        StringBuilder request = new StringBuilder("*").append(words.length).append("\r\n");
        for (String word : words) {
            request.append('$').append(word.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(word).append("\r\n");
        }
        return request.toString();
    }

    /** Opens {@code count} raw connections to {@code address}. */
    static List<RawRespClient> connectAll(InetSocketAddress address, int count) throws IOException {
        List<RawRespClient> clients = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            clients.add(new RawRespClient(address));
        }
        return clients;
    }

    /** Closes every client, ignoring failures. */
    static void closeAll(List<RawRespClient> clients) {
        clients.forEach(RawRespClient::close);
    }

    /** INFO on {@code client}'s connection, as a map. */
    static Map<String, String> info(RawRespClient client) throws IOException {
        String reply = client.call("INFO\r\n");
        return parseInfo(reply.substring(reply.indexOf("\r\n") + 2));
    }

    /** Asks INFO on {@code client} until {@code until} accepts its fields; returns them. */
    static Map<String, String> awaitInfo(RawRespClient client, Predicate<Map<String, String>> until) {
        return parseInfo(ServerStates.awaitInfo(client, reply -> until.test(parseInfo(reply))));
    }

    /** A server started in this JVM for one test; closing it stops it and releases its meters. */
    record RunningServer(BlockingServer server) implements AutoCloseable {

        InetSocketAddress address() {
            return new InetSocketAddress("127.0.0.1", server.localAddress().getPort());
        }

        RawRespClient connect() throws IOException {
            return new RawRespClient(address());
        }

        Jedis jedis() {
            // RESP2 as the server speaks it, without the HELLO probe Jedis would warn about.
            return new Jedis("127.0.0.1", server.localAddress().getPort(),
                    DefaultJedisClientConfig.builder().timeoutMillis(10_000).serverDefaultProtocol().build());
        }

        /** Waits until exactly {@code expected} requests are in flight; unlike INFO, this works in the serial model too. */
        void awaitRequestsInFlight(long expected) {
            ServerStates.awaitRequestsInFlight(server.metrics(), expected);
        }

        /** INFO over a new connection; not for the serial model while another connection is open. */
        Map<String, String> info() throws IOException {
            try (RawRespClient client = connect()) {
                return BlockingTestUtil.info(client);
            }
        }

        @Override
        public void close() throws InterruptedException {
            server.stop(Duration.ofSeconds(2));
            server.awaitStopped();
            server.metrics().close();
        }
    }

    /** {@code BlockingServerCommand} in a child JVM, with this suite's test arguments. */
    static final class ChildServer extends ChildServerProcess {

        private ChildServer(int openFileLimit, List<String> jvmOptions, List<String> args) throws IOException {
            super(BlockingServerCommand.class, openFileLimit, jvmOptions, args);
        }

        /**
         * Starts the server with {@code args} after the test arguments and waits for its LISTENING line.
         *
         * @param openFileLimit {@code ulimit -n} for the child, or 0 to inherit ours
         */
        static ChildServer launch(int openFileLimit, String... args) throws IOException {
            return launch(openFileLimit, List.of(), args);
        }

        /** As {@link #launch(int, String...)}, with JVM options for the child such as a small heap. */
        static ChildServer launch(int openFileLimit, List<String> jvmOptions, String... args) throws IOException {
            List<String> all = new ArrayList<>(TEST_ARGS);
            all.addAll(Arrays.asList(args));
            return new ChildServer(openFileLimit, jvmOptions, all);
        }
    }
}
