package org.c10klab.harness.run;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.c10klab.harness.flood.FloodConfig;
import org.c10klab.harness.flood.FloodEngine;
import org.c10klab.harness.flood.Protocol;
import org.c10klab.harness.record.FloodRecorder;
import org.c10klab.protocol.ProtocolLimits;
import org.c10klab.protocol.resp.RespStreamReader;
import org.c10klab.server.transport.NettyTransport;

/**
 * Runs the client's whole code path briefly against a listener inside this JVM before a flood, so the
 * first measured connects and replies do not pay for class loading and first compilation (on a cold
 * JVM that adds a hundred milliseconds and more to a burst), and a flood of thousands of connections
 * does not share its CPUs with the JIT compiling its connect path. The target never sees it.
 */
final class Warmup {

    /** Connections of the warm-up flood. */
    static final int CONNECTIONS = 16;
    /** Requests per warm-up connection: enough for the JIT's first tier on the hot paths. */
    static final int REQUESTS = 64;
    /**
     * A flood of at least this many connections first makes as many warm-up connects: enough for the
     * optimizing compiler (C2, after some thousands of calls) to take the connect path on before the
     * measured run. Without, 19 700 connects at 5000/s on 2 cores ran beside 2.5-3.3 s of JIT compilation;
     * with, 1.5-2.5 s. Smaller floods would pay more for the warm-up than the JIT costs them.
     */
    static final int CONNECTS = 4000;
    /** The warm-up gives up after this long; it only saves time, it never decides anything. */
    static final Duration LIMIT = Duration.ofSeconds(3);

    private static final byte[] OK = "+OK\r\n".getBytes(StandardCharsets.US_ASCII);

    private Warmup() {
    }

    /** Floods an in-process listener with {@code config}'s workload on {@code transport}. */
    static void run(FloodConfig config, NettyTransport transport) throws InterruptedException {
        run(config, transport, LIMIT);
    }

    /** As {@link #run(FloodConfig, NettyTransport)}, each of its floods given up after {@code limit}. */
    static void run(FloodConfig config, NettyTransport transport, Duration limit) throws InterruptedException {
        try (ServerSocket listener = new ServerSocket(0, CONNECTIONS, InetAddress.getLoopbackAddress())) {
            Thread acceptor = Thread.ofVirtual().name("warmup-accept")
                    .start(() -> accept(listener, config.protocol()));
            InetSocketAddress address = new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort());
            String target = "127.0.0.1:" + listener.getLocalPort();
            flood(new FloodConfig(target, CONNECTIONS, Duration.ZERO, 0, LIMIT, LIMIT, REQUESTS, Duration.ZERO,
                    config.commands(), config.keysAndValues(), Math.min(config.pipeline(), 4), Duration.ZERO, false, 0,
                    List.of(), config.protocol(), config.payload(), 1, config.transport(), false), address, transport,
                    limit);
            if (config.connections() >= CONNECTS) {
                // Reconnecting clients, one request per connection: the connect and close paths, many times.
                flood(new FloodConfig(target, CONNECTIONS, Duration.ZERO, 0, LIMIT, LIMIT, CONNECTS / CONNECTIONS,
                        Duration.ZERO, config.commands(), config.keysAndValues(), 1, Duration.ZERO, true, 0, List.of(),
                        config.protocol(), config.payload(), 1, config.transport(), false), address, transport,
                        limit);
            }
            acceptor.interrupt();
        } catch (IOException e) {
            // No loopback listener: the flood runs cold, as it would have without a warm-up.
        }
    }

    private static void flood(FloodConfig warmup, InetSocketAddress listener, NettyTransport transport,
                              Duration limit) throws InterruptedException {
        FloodRecorder recorder = new FloodRecorder(new SimpleMeterRegistry(), warmup.workload().commands(), LIMIT,
                LIMIT, FloodRecorder.DEFAULT_DISTRIBUTION_EXPIRY);
        try (FloodEngine engine = new FloodEngine(warmup, listener, transport, recorder)) {
            engine.start();
            if (!engine.awaitFinished(limit)) {
                // Cut short: the clients close their channels while the loops still run; closed as the loops stop,
                // each channel's close was refused with a logged stack trace.
                engine.stop();
                engine.awaitFinished(LIMIT);
            }
        }
    }

    private static void accept(ServerSocket listener, Protocol protocol) {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                Thread.ofVirtual().name("warmup-conn").start(() -> serve(socket, protocol));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void serve(Socket socket, Protocol protocol) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            if (protocol == Protocol.RAW) {
                in.transferTo(out);
                return;
            }
            RespStreamReader requests = new RespStreamReader(in, ProtocolLimits.DEFAULTS);
            while (requests.read() != null) {
                out.write(OK);
            }
        } catch (IOException e) {
            // The warm-up client closed: done.
        }
    }
}
