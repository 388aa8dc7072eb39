package org.c10klab.blocking;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.c10klab.protocol.ProtocolLimits;
import org.c10klab.protocol.resp.ClientBufferAccount;
import org.c10klab.protocol.resp.RespCommand;
import org.c10klab.protocol.resp.RespStreamReader;

/**
 * Reads one connection's requests off its socket. Before each read that would block it sends the
 * replies buffered so far (a pipeline costs one write, a lone request never waits for its reply)
 * and sets the socket's read timeout: the idle timeout between requests, and inside a request
 * whatever is left of the request timeout, which that request's first blocking read starts.
 */
final class SocketRequestReader {

    private final Socket socket;
    private final ReplyBuffer replies;
    private final long idleTimeoutNanos;
    private final long requestTimeoutNanos;
    private final RespStreamReader reader;
    /** The request being read must be complete by then ({@link System#nanoTime()}), while {@link #timingRequest}. */
    private long deadlineNanos;
    private boolean timingRequest;
    /** The socket's read timeout as last set, so an unchanged one is not set again. */
    private int soTimeoutMillis = -1;

    /**
     * @param replies      where the connection's replies are buffered; flushed before each blocking read
     * @param clientBuffer what this connection's partial request holds, in the server's budget
     */
    SocketRequestReader(Socket socket, ReplyBuffer replies, ProtocolLimits limits, ReadTimeouts timeouts,
                        ClientBufferAccount clientBuffer) throws IOException {
        this.socket = socket;
        this.replies = replies;
        this.idleTimeoutNanos = timeouts.idle().toNanos();
        this.requestTimeoutNanos = timeouts.request().toNanos();
        this.reader = new RespStreamReader(new BeforeEachRead(socket.getInputStream()), limits, clientBuffer);
    }

    /**
     * Blocks until a whole command arrived.
     *
     * @return the command, or null when the client closed its side
     * @throws RequestTimeoutException            when a begun request took longer than the request timeout
     * @throws SocketTimeoutException             when nothing arrived for the idle timeout
     * @throws org.c10klab.protocol.resp.ProtocolException when the bytes are not a valid request
     */
    RespCommand read() throws IOException {
        RespCommand command = reader.read();
        timingRequest = false; // the next request, even one begun in bytes already read, starts its own clock
        return command;
    }

    /** True while bytes of this connection's last read are still to be decoded: more requests of it may follow. */
    boolean hasBufferedInput() {
        return reader.hasBufferedInput();
    }

    /** Sets the read timeout for a read about to block; {@code midRequest}: a request has begun and is not complete. */
    private void setReadTimeout(boolean midRequest) throws IOException {
        long timeoutNanos = idleTimeoutNanos;
        if (!midRequest) {
            timingRequest = false;
        } else if (requestTimeoutNanos > 0) {
            long now = System.nanoTime();
            if (!timingRequest) {
                timingRequest = true;
                deadlineNanos = now + requestTimeoutNanos;
            }
            long leftNanos = deadlineNanos - now;
            if (leftNanos <= 0) {
                throw new RequestTimeoutException();
            }
            timeoutNanos = timeoutNanos == 0 ? leftNanos : Math.min(timeoutNanos, leftNanos);
        }
        // Rounded up, so a read that times out inside a request is past its deadline; 0 = wait for ever.
        int millis = timeoutNanos == 0 ? 0 : (int) Math.clamp((timeoutNanos + 999_999) / 1_000_000, 1, Integer.MAX_VALUE);
        if (millis != soTimeoutMillis) {
            socket.setSoTimeout(millis);
            soTimeoutMillis = millis;
        }
    }

    private boolean pastDeadline() {
        return timingRequest && System.nanoTime() - deadlineNanos >= 0;
    }

    /** The socket's input as {@link RespStreamReader} sees it: every read flushes the replies and times itself first. */
    private final class BeforeEachRead extends FilterInputStream {

        BeforeEachRead(InputStream requests) {
            super(requests);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            replies.flush();
            setReadTimeout(reader.hasPartialRequest());
            try {
                return in.read(buffer, offset, length);
            } catch (SocketTimeoutException e) {
                if (pastDeadline()) {
                    throw new RequestTimeoutException();
                }
                throw e;
            }
        }
    }
}
