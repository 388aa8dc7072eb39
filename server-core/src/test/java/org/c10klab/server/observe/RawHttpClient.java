package org.c10klab.server.observe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.c10klab.server.testing.TestSockets;

/** An HTTP/1.1 client on a plain socket, for tests that need to send what no real client would. */
final class RawHttpClient implements AutoCloseable {

    /** CR LF CR LF as the last four bytes read. */
    private static final int END_OF_HEAD = 0x0D0A0D0A;

    /**
     * One response as it came off the wire.
     *
     * @param headers names in lower case
     */
    record Response(int status, Map<String, String> headers, String body) {
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    /** Connects to {@code hostPort}, e.g. {@code 127.0.0.1:9464}; reads time out after ten seconds. */
    RawHttpClient(String hostPort) throws IOException {
        int colon = hostPort.lastIndexOf(':');
        socket = TestSockets.connect(new InetSocketAddress(hostPort.substring(0, colon),
                Integer.parseInt(hostPort.substring(colon + 1))));
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Sends {@code bytes} as is, one byte per char (ISO-8859-1). */
    void send(String bytes) throws IOException {
        out.write(bytes.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Sends {@code METHOD PATH HTTP/1.1} with a Host header and reads the response. */
    Response call(String method, String path) throws IOException {
        send(method + " " + path + " HTTP/1.1\r\nHost: test\r\n\r\n");
        return readResponse(method.equals("HEAD"));
    }

    /**
     * Reads one response: its head, then as many body bytes as Content-Length says, or none for a
     * response to HEAD.
     */
    Response readResponse(boolean toHead) throws IOException {
        String[] lines = readHead().split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        int length = toHead ? 0 : Integer.parseInt(headers.getOrDefault("content-length", "0"));
        return new Response(status, headers, new String(in.readNBytes(length), StandardCharsets.UTF_8));
    }

    /**
     * Waits up to {@code deadline} for the server to close the connection: true at its EOF or reset,
     * false when the deadline passes first.
     *
     * @throws IOException when bytes arrive instead
     */
    boolean closedByServerWithin(Duration deadline) throws IOException {
        int before = socket.getSoTimeout();
        socket.setSoTimeout((int) deadline.toMillis());
        int b;
        try {
            b = in.read();
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // a reset is a close too
        } finally {
            socket.setSoTimeout(before);
        }
        if (b >= 0) {
            throw new IOException("expected the connection to close, got a byte: " + (char) b);
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** Status line and headers up to the blank line, without it. */
    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        while (last4 != END_OF_HEAD) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after '" + head.toString(StandardCharsets.ISO_8859_1) + "'");
            }
            head.write(b);
            last4 = last4 << 8 | b;
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return text.substring(0, text.length() - 4);
    }
}
