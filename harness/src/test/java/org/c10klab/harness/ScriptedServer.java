package org.c10klab.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.c10klab.protocol.ProtocolLimits;
import org.c10klab.protocol.resp.RespStreamReader;

/**
 * A loopback server that misbehaves on purpose, one virtual thread per connection, so every outcome
 * the referee names can be produced for real.
 */
public final class ScriptedServer implements AutoCloseable {

    /** What the server does with one accepted connection. */
    @FunctionalInterface
    public interface Script {
        void serve(Socket socket, ScriptedServer server) throws IOException, InterruptedException;
    }

    private final ServerSocket listener;
    private final Script script;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicLong requests = new AtomicLong();
    private final Thread acceptor;

    public ScriptedServer(Script script) throws IOException {
        this.listener = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
        this.script = script;
        this.acceptor = Thread.ofVirtual().name("scripted-accept").start(this::acceptLoop);
    }

    /** Answers {@code +PONG} to every request. */
    public static Script pong() {
        return (socket, server) -> {
            RespStreamReader reader = reader(socket);
            OutputStream out = socket.getOutputStream();
            while (reader.read() != null) {
                server.requests.incrementAndGet();
                out.write("+PONG\r\n".getBytes(StandardCharsets.US_ASCII));
            }
        };
    }

    /** Like {@link #pong()}, but the {@code stallAt}-th request of the whole server waits {@code stallMillis} first. */
    public static Script stallOnce(long stallAt, long stallMillis) {
        return (socket, server) -> {
            RespStreamReader reader = reader(socket);
            OutputStream out = socket.getOutputStream();
            while (reader.read() != null) {
                if (server.requests.incrementAndGet() == stallAt) {
                    Thread.sleep(stallMillis);
                }
                out.write("+PONG\r\n".getBytes(StandardCharsets.US_ASCII));
            }
        };
    }

    /** Reads one request, then resets the connection (SO_LINGER 0 makes close() send RST). */
    public static Script resetAfterRequest() {
        return (socket, server) -> {
            reader(socket).read();
            socket.setSoLinger(true, 0);
            socket.close();
        };
    }

    /** Reads one request, then closes normally (FIN) without replying. */
    public static Script closeAfterRequest() {
        return (socket, server) -> {
            reader(socket).read();
            socket.close();
        };
    }

    /** Reads requests and never replies. */
    public static Script neverReply() {
        return (socket, server) -> {
            RespStreamReader reader = reader(socket);
            while (reader.read() != null) {
                server.requests.incrementAndGet();
            }
        };
    }

    /** Answers every request with {@code reply}, verbatim. */
    public static Script reply(String reply) {
        return (socket, server) -> {
            RespStreamReader reader = reader(socket);
            OutputStream out = socket.getOutputStream();
            while (reader.read() != null) {
                server.requests.incrementAndGet();
                out.write(reply.getBytes(StandardCharsets.UTF_8));
            }
        };
    }

    /** Not RESP at all: echoes whatever bytes arrive, like a plain socket server. */
    public static Script echo() {
        return (socket, server) -> {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            byte[] buffer = new byte[4096];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                server.requests.incrementAndGet();
                out.write(buffer, 0, n);
            }
        };
    }

    /** The port to flood. */
    public int port() {
        return listener.getLocalPort();
    }

    /** {@code 127.0.0.1:PORT}. */
    public String target() {
        return "127.0.0.1:" + port();
    }

    /** Requests the script counted. */
    public long requests() {
        return requests.get();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : sockets) {
            socket.close();
        }
        acceptor.interrupt();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                sockets.add(socket);
                Thread.ofVirtual().name("scripted-conn").start(() -> {
                    try (socket) {
                        script.serve(socket, this);
                    } catch (IOException | InterruptedException e) {
                        // The client went away, or the test closed the server: nothing to serve.
                    } finally {
                        sockets.remove(socket);
                    }
                });
            } catch (IOException e) {
                return;
            }
        }
    }

    private static RespStreamReader reader(Socket socket) throws IOException {
        return new RespStreamReader(socket.getInputStream(), ProtocolLimits.DEFAULTS);
    }
}
