package org.c10klab.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client that sends pipelines of ECHO requests in rounds and reads their replies, until the
 * server ends the connection; it keeps every byte it received, so a test can check that a stop cut
 * no reply in half.
 */
public final class PipeliningClient {

    /** Requests per round. */
    public static final int PIPELINE = 20;
    private static final int PAYLOAD_BYTES = 100;
    private static final String PAYLOAD = "x".repeat(PAYLOAD_BYTES);
    private static final byte[] ROUND = ("*2\r\n$4\r\nECHO\r\n$" + PAYLOAD_BYTES + "\r\n" + PAYLOAD + "\r\n")
            .repeat(PIPELINE).getBytes(StandardCharsets.ISO_8859_1);
    /** The one reply an ECHO gets when it is answered. */
    public static final String REPLY = "$" + PAYLOAD_BYTES + "\r\n" + PAYLOAD + "\r\n";
    private static final int READ_TIMEOUT_MILLIS = 30_000;

    private final InetSocketAddress server;
    private final AtomicInteger rounds;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();

    /**
     * @param roundsDone counts every round this client completes, shared by a group of clients
     */
    public PipeliningClient(InetSocketAddress server, AtomicInteger roundsDone) {
        this.server = server;
        this.rounds = roundsDone;
    }

    /**
     * Runs rounds until the server closes the connection (or resets it, or never accepts it).
     *
     * @return every byte received, as ISO-8859-1 text
     */
    public String runUntilClosed() {
        try (Socket socket = new Socket()) {
            socket.connect(server, READ_TIMEOUT_MILLIS);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            while (true) {
                out.write(ROUND);
                out.flush();
                if (!readReplies(in)) {
                    break;
                }
                rounds.incrementAndGet();
            }
        } catch (IOException e) {
            // refused, reset, or a write after the server closed: the end of this client either way
        }
        return received.toString(StandardCharsets.ISO_8859_1);
    }

    /** Reads until a round's worth of replies has arrived; false at the end of the stream. */
    private boolean readReplies(InputStream in) throws IOException {
        int target = received.size() + PIPELINE * REPLY.length();
        byte[] chunk = new byte[8192];
        while (received.size() < target) {
            int n = in.read(chunk);
            if (n < 0) {
                return false;
            }
            received.write(chunk, 0, n);
        }
        return true;
    }
}
