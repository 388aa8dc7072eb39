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
import java.util.ArrayList;
import java.util.List;

/** A RESP client on a plain socket, for tests, that returns replies exactly as they came off the wire. */
public final class RawRespClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    /** Connects to {@code address}, waiting at most five seconds; reads then time out after ten. */
    public RawRespClient(InetSocketAddress address) throws IOException {
        socket = TestSockets.connect(address);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Sends {@code request} as is, one byte per char (ISO-8859-1). */
    public void send(String request) throws IOException {
        send(request.getBytes(StandardCharsets.ISO_8859_1));
    }

    public void send(byte[] request) throws IOException {
        out.write(request);
        out.flush();
    }

    /** Sends a request and reads one reply. */
    public String call(String request) throws IOException {
        send(request);
        return readReply();
    }

    /** Sends {@code request} {@code times} over in one write (a pipeline) and reads as many replies. */
    public List<String> pipeline(String request, int times) throws IOException {
        send(request.repeat(times));
        List<String> replies = new ArrayList<>(times);
        for (int i = 0; i < times; i++) {
            replies.add(readReply());
        }
        return replies;
    }

    /** This end of the connection: the remote address the server sees. */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** One whole reply, nested arrays included, as raw text. */
    public String readReply() throws IOException {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        readValue(reply);
        return reply.toString(StandardCharsets.ISO_8859_1);
    }

    /** One reply, or null when none arrives within {@code timeout}. */
    public String readReplyWithin(Duration timeout) throws IOException {
        int before = socket.getSoTimeout();
        socket.setSoTimeout((int) timeout.toMillis());
        try {
            return readReply();
        } catch (SocketTimeoutException e) {
            return null;
        } finally {
            socket.setSoTimeout(before);
        }
    }

    /** Reads with a shorter timeout: true when nothing arrived within {@code wait}. */
    public boolean silentFor(Duration wait) throws IOException {
        int before = socket.getSoTimeout();
        socket.setSoTimeout((int) wait.toMillis());
        try {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the server closed the connection instead of keeping it waiting");
            }
            throw new IOException("expected silence, got a byte: " + (char) b);
        } catch (SocketTimeoutException e) {
            return true;
        } finally {
            socket.setSoTimeout(before);
        }
    }

    /** True when the server closed the connection (EOF or reset) before sending anything more. */
    public boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // a reset is a close too
        }
    }

    public void setReadTimeout(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
    }

    /** Half-closes the connection: the server sees EOF, replies can still arrive. */
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /** Closes the socket, ignoring failures. */
    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // already gone
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

    /** One line without its CRLF; every byte read, CRLF included, also goes to {@code reply}. */
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
}
