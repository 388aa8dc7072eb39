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

    private static final int READ_BUFFER_BYTES = 16 * 1024;

    private final InputStream in;
    private final RespRequestDecoder decoder;
    private final ByteBuffer buffer = ByteBuffer.allocate(READ_BUFFER_BYTES).flip();

    public RespStreamReader(InputStream in, ProtocolLimits limits) {
        this.in = in;
        this.decoder = new RespRequestDecoder(limits);
    }

    /**
     * Blocks until a whole command arrived.
     *
     * @return the command, or null when the peer closed the stream
     * @throws ProtocolException when the bytes are not a valid request
     */
    public RespCommand read() throws IOException {
        while (true) {
            RespCommand command = decoder.decode(buffer);
            if (command != null) {
                return command;
            }
            int n = in.read(buffer.array(), 0, buffer.capacity());
            if (n < 0) {
                return null;
            }
            buffer.position(0).limit(n);
        }
    }

    /**
     * True while the start of a command has been read and its end has not: when {@link #read} is
     * about to block, the client is in the middle of a request rather than idle.
     */
    public boolean hasPartialRequest() {
        return decoder.hasPartialRequest();
    }
}
