package org.c10klab.protocol.resp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import org.c10klab.protocol.ProtocolLimits;

/**
 * The blocking adapter over {@link RespRequestDecoder}: reads commands from an {@link InputStream}
 * (a socket's), one at a time, keeping any pipelined bytes that arrived with the previous read.
 */
public final class RespStreamReader {

    /** What a read starts with: small, since thousands of connections may wait for their next command at once. */
    static final int SMALL_READ_BYTES = 1024;
    /**
     * A read that fills its buffer doubles it for the next one, up to this, so a large request takes
     * fewer reads; no more than the fixed buffer every connection used to hold, since the client
     * buffer budget does not count it.
     */
    static final int LARGE_READ_BYTES = 16 * 1024;

    private final InputStream in;
    private final RespRequestDecoder decoder;
    private ByteBuffer buffer = ByteBuffer.allocate(SMALL_READ_BYTES).flip();
    private boolean lastReadFilledBuffer;

    /** A reader whose buffers no server budget governs. */
    public RespStreamReader(InputStream in, ProtocolLimits limits) {
        this(in, limits, ClientBufferAccount.unbudgeted());
    }

    /**
     * @param account where the connection's partial command reserves its bytes; the caller closes it
     */
    public RespStreamReader(InputStream in, ProtocolLimits limits, ClientBufferAccount account) {
        this.in = in;
        this.decoder = new RespRequestDecoder(limits, account);
    }

    /**
     * Blocks until a whole command arrived.
     *
     * @return the command, or null when the peer closed the stream
     * @throws ProtocolException           when the bytes are not a valid request
     * @throws ClientBufferBudgetException when the server's budget evicted this connection (which
     *                                     also ends a read it was blocked in)
     */
    public RespCommand read() throws IOException {
        while (true) {
            RespCommand command = decoder.decode(buffer);
            if (command != null) {
                return command;
            }
            resizeForNextRead();
            int n = in.read(buffer.array(), 0, buffer.capacity());
            if (n < 0) {
                decoder.requireNotEvicted();
                return null;
            }
            buffer.position(0).limit(n);
            lastReadFilledBuffer = n == buffer.capacity();
        }
    }

    /** More bytes are likely waiting only when the last read filled its buffer; otherwise back to a small one. */
    private void resizeForNextRead() {
        int capacity = lastReadFilledBuffer ? Math.min(2 * buffer.capacity(), LARGE_READ_BYTES) : SMALL_READ_BYTES;
        if (capacity != buffer.capacity()) {
            buffer = ByteBuffer.allocate(capacity).flip();
        }
    }

    /** True while bytes of the last read are still to be decoded: {@link #read} returns without reading. */
    public boolean hasBufferedInput() {
        return buffer.hasRemaining();
    }

    /**
     * True while the start of a command has been read and its end has not: when {@link #read} is
     * about to block, the client is in the middle of a request rather than idle.
     */
    public boolean hasPartialRequest() {
        return decoder.hasPartialRequest();
    }
}
