package org.c10klab.harness.conformance;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.c10klab.blocking.BlockingOptions;
import org.c10klab.blocking.BlockingServer;
import org.c10klab.blocking.BlockingServerCommand;
import org.c10klab.harness.experiment.LabModel;
import org.c10klab.netty.NettyOptions;
import org.c10klab.netty.NettyServer;
import org.c10klab.netty.NettyServerCommand;
import org.c10klab.server.LabServer;
import org.c10klab.server.ServerOptions;
import org.c10klab.server.testing.RawRespClient;
import picocli.CommandLine;

/** Starts any of the five models on a real loopback socket, talks raw RESP to it, and sees what the kernel queues. */
final class ConformanceTestUtil {

    /** Every model the lab compares, by its CLI name. */
    static final List<String> MODELS = Arrays.stream(LabModel.values()).map(LabModel::cliName).toList();

    private ConformanceTestUtil() {
    }

    static Stream<String> models() {
        return MODELS.stream();
    }

    /** The {@code c10k server} arguments that select {@code model}. */
    static List<String> serverArgs(String model) {
        return LabModel.fromCliName(model).serverArgs();
    }

    /** Starts {@code model} in this JVM on an ephemeral port, with extra server options such as limits. */
    static RunningServer start(String model, String... extraArgs) throws IOException {
        List<String> args = new ArrayList<>(List.of("--port", "0", "--metrics-port", "-1"));
        args.addAll(Arrays.asList(extraArgs));
        if (model.equals("netty")) {
            CommandLine parsed = new CommandLine(new NettyServerCommand());
            parsed.parseArgs(args.toArray(String[]::new));
            return new RunningServer(NettyServer.start(mixin(parsed, ServerOptions.class), mixin(parsed, NettyOptions.class)));
        }
        args.addAll(List.of("--model", model));
        CommandLine parsed = new CommandLine(new BlockingServerCommand());
        parsed.parseArgs(args.toArray(String[]::new));
        return new RunningServer(BlockingServer.start(mixin(parsed, ServerOptions.class), mixin(parsed, BlockingOptions.class)));
    }

    /**
     * Waits until the server has read every byte {@code client} sent: the kernel holds none of them in
     * the client's send queue or the server's receive queue. No server counts the commands it is
     * running, so a request taken off the socket is the nearest state a test can see from outside.
     */
    static void awaitRequestRead(RawRespClient client, int serverPort) {
        int clientPort = client.localAddress().getPort();
        await().atMost(Duration.ofSeconds(10)).until(() -> requestRead(serverPort, clientPort));
    }

    // /proc/net/tcp and tcp6, one socket a line: "sl local_address rem_address st tx_queue:rx_queue ...",
    // addresses as HEXADDR:HEXPORT, queue lengths in hexadecimal bytes.
    private static boolean requestRead(int serverPort, int clientPort) throws IOException {
        boolean serverEndFound = false;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> sockets = Files.readAllLines(Path.of(table));
            for (String socket : sockets.subList(1, sockets.size())) {
                String[] fields = socket.trim().split("\\s+");
                int local = port(fields[1]);
                int remote = port(fields[2]);
                String[] queues = fields[4].split(":");
                if (local == clientPort && remote == serverPort && Long.parseLong(queues[0], 16) > 0) {
                    return false; // still in the client's send queue
                }
                if (local == serverPort && remote == clientPort) {
                    if (Long.parseLong(queues[1], 16) > 0) {
                        return false; // arrived, not read yet
                    }
                    serverEndFound = true;
                }
            }
        }
        return serverEndFound;
    }

    private static int port(String address) {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1), 16);
    }

    private static <T> T mixin(CommandLine parsed, Class<T> type) {
        Map<String, Object> mixins = parsed.getMixins();
        return mixins.values().stream().filter(type::isInstance).map(type::cast).findFirst()
                .orElseThrow(() -> new IllegalStateException(parsed.getCommandName() + " has no " + type.getSimpleName()));
    }

    /** A server started for one test; closing it stops it. */
    record RunningServer(LabServer server) implements AutoCloseable {

        InetSocketAddress address() {
            return new InetSocketAddress("127.0.0.1", server.localAddress().getPort());
        }

        RawRespClient connect() throws IOException {
            return new RawRespClient(address());
        }

        @Override
        public void close() throws InterruptedException {
            server.stop(Duration.ofSeconds(2));
            server.awaitStopped();
        }
    }
}
