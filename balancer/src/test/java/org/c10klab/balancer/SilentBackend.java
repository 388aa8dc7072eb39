package org.c10klab.balancer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A hung server: accepts connections and reads whatever arrives, but never answers. Health checks
 * against it time out, so a balancer keeps it up only with a long {@code --health-interval}.
 */
final class SilentBackend implements AutoCloseable {

    private final ServerSocket listener;
    /** Accepted and not yet closed by the other side. */
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    private SilentBackend(ServerSocket listener) {
        this.listener = listener;
        this.acceptor = Thread.ofVirtual().name("silent-backend-accept").start(this::accept);
    }

    static SilentBackend start() throws IOException {
        return new SilentBackend(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    }

    String hostPort() {
        return BalancerTestUtil.LOOPBACK + ":" + listener.getLocalPort();
    }

    /** Connections accepted that the other side has not closed yet. */
    int openConnections() {
        return open.size();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        listener.close();
        for (Socket socket : open) {
            socket.close();
        }
        acceptor.join(Duration.ofSeconds(5));
    }

    private void accept() {
        while (true) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            open.add(socket);
            Thread.ofVirtual().start(() -> readUntilClosed(socket));
        }
    }

    private void readUntilClosed(Socket socket) {
        try (socket; InputStream in = socket.getInputStream()) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // a reset or our own close: the connection is over either way
        } finally {
            open.remove(socket);
        }
    }
}
