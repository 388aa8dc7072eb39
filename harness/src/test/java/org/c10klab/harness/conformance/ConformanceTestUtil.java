package org.c10klab.harness.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
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
import org.c10klab.protocol.server.LabServer;
import org.c10klab.protocol.server.ServerOptions;
import picocli.CommandLine;

/** Starts any of the five models on a real loopback socket and talks raw RESP to it. */
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

        RawClient connect() throws IOException {
            return new RawClient(address());
        }

        @Override
        public void close() throws InterruptedException {
            server.stop(Duration.ofSeconds(2));
            server.awaitStopped();
        }
    }

    /** A RESP client on a plain socket that returns replies exactly as they came off the wire. */
    static final class RawClient implements AutoCloseable {

        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        RawClient(InetSocketAddress address) throws IOException {
            socket = new Socket();
            socket.connect(address, 2_000);
            socket.setSoTimeout(10_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        void send(String request) throws IOException {
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        /** One whole reply, nested arrays included, as raw text. */
        String readReply() throws IOException {
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            readValue(reply);
            return reply.toString(StandardCharsets.ISO_8859_1);
        }

        /** Sends a request and reads one reply. */
        String call(String request) throws IOException {
            send(request);
            return readReply();
        }

        /** True when the server closed the connection (EOF or reset) before sending anything more. */
        boolean closedByServer() throws IOException {
            try {
                return in.read() < 0;
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                return true; // a reset is a close too
            }
        }

        private void readValue(ByteArrayOutputStream reply) throws IOException {
            String line = readLine(reply);
            char type = line.charAt(0);
            int count = type == '$' || type == '*' ? Integer.parseInt(line.substring(1)) : 0;
            if (type == '$' && count >= 0) {
                reply.write(in.readNBytes(count + 2));
            } else if (type == '*') {
                for (int i = 0; i < count; i++) {
                    readValue(reply);
                }
            }
        }

        private String readLine(ByteArrayOutputStream reply) throws IOException {
            StringBuilder line = new StringBuilder();
            int previous = -1;
            while (true) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("connection closed after '" + reply.toString(StandardCharsets.ISO_8859_1) + line + "'");
                }
                reply.write(b);
                if (previous == '\r' && b == '\n') {
                    return line.substring(0, line.length() - 1);
                }
                line.append((char) b);
                previous = b;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
