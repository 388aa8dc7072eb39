package org.c10klab.blocking;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * One connection's replies on their way to the socket. A reply with more requests of the same read
 * still to answer is buffered, so a pipeline costs one write; a reply that ends its read's requests
 * leaves at once, straight from its own bytes when nothing is buffered before it. The buffer exists
 * only once a pipeline needs it, and a grown one is dropped after its write, so an idle connection
 * holds at most {@link #INITIAL_BYTES} here.
 */
final class ReplyBuffer {

    /** The buffer a pipeline starts with: the replies of sixteen GETs of short values fit. */
    static final int INITIAL_BYTES = 512;
    /** The buffer grows to at most this; a reply that does not fit in it is written on its own. */
    static final int MAX_BYTES = 16 * 1024;
    private static final byte[] NONE = new byte[0];

    private final OutputStream socket;
    private byte[] buffer = NONE;
    private int count;

    ReplyBuffer(OutputStream socket) {
        this.socket = socket;
    }

    /**
     * Adds one reply.
     *
     * @param last true when no request of this read is left to answer, so the client waits for this
     *             reply: it is written now, together with any buffered before it
     */
    void write(byte[] reply, boolean last) throws IOException {
        if (last && count == 0) {
            socket.write(reply);
            return;
        }
        int needed = count + reply.length;
        if (needed > MAX_BYTES) {
            flush();
            socket.write(reply);
        } else {
            if (needed > buffer.length) {
                grow(needed);
            }
            System.arraycopy(reply, 0, buffer, count, reply.length);
            count += reply.length;
        }
        if (last) {
            flush();
        }
    }

    /** Writes what is buffered, e.g. before the reader blocks or a SLEEP begins. */
    void flush() throws IOException {
        if (count == 0) {
            return;
        }
        socket.write(buffer, 0, count);
        count = 0;
        if (buffer.length > INITIAL_BYTES) {
            buffer = NONE; // a burst's buffer is not kept for the idle time after it
        }
    }

    /** Doubles the buffer (from {@link #INITIAL_BYTES}) until {@code needed} bytes fit; needed is at most {@link #MAX_BYTES}. */
    private void grow(int needed) {
        int capacity = Math.max(buffer.length, INITIAL_BYTES);
        while (capacity < needed) {
            capacity *= 2;
        }
        buffer = Arrays.copyOf(buffer, capacity);
    }
}
