package org.c10klab.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A slow (or hostile) client: sends its request one byte at a time with a pause after each, on a
 * thread of its own, until the request is out or the server closes; meanwhile a test collects what
 * the server answers.
 */
public final class TricklingClient implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private final Socket socket;
    private final Thread writer;
    private final long firstByteNanos;
    private long closedNanos;

    /**
     * Connects and starts trickling {@code request} (ISO-8859-1), one byte per {@code pause}.
     */
    public TricklingClient(InetSocketAddress server, String request, Duration pause) throws IOException {
        socket = new Socket();
        socket.connect(server, CONNECT_TIMEOUT_MILLIS);
        byte[] bytes = request.getBytes(StandardCharsets.ISO_8859_1);
        OutputStream out = socket.getOutputStream();
        firstByteNanos = System.nanoTime();
        writer = Thread.ofPlatform().daemon().name("trickler").start(() -> {
            try {
                for (byte b : bytes) {
                    out.write(b);
                    out.flush();
                    Thread.sleep(pause); // the client's own pace, not a test waiting for a state
                }
            } catch (IOException | InterruptedException e) {
                // the server closed the connection, or the test ended
            }
        });
    }

    /** A request that takes {@code bytes} to send, so it never completes at a trickler's pace in a test. */
    public static String endlessRequest(int bytes) {
        return "*2\r\n$4\r\nECHO\r\n$" + bytes + "\r\n" + "x".repeat(bytes) + "\r\n";
    }

    /**
     * Reads until the server closes the connection.
     *
     * @return everything the server sent, as ISO-8859-1 text
     * @throws SocketTimeoutException when the connection is still open after {@code timeout}
     */
    public String repliesUntilClosed(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        try {
            for (int b = in.read(); b >= 0; b = in.read()) {
                received.write(b);
            }
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (IOException e) {
            // a reset after the last bytes is a close too
        }
        closedNanos = System.nanoTime();
        return received.toString(StandardCharsets.ISO_8859_1);
    }

    /** From the first byte sent to the close that {@link #repliesUntilClosed} saw. */
    public Duration openFor() {
        return Duration.ofNanos(closedNanos - firstByteNanos);
    }

    @Override
    public void close() throws IOException {
        writer.interrupt();
        socket.close();
    }
}
