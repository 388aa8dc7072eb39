package org.c10klab.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import org.c10klab.protocol.resp.RespEncoder;
import org.c10klab.protocol.resp.RespSink;
import org.c10klab.protocol.resp.RespValue;

/**
 * A connection's replies not yet handed to the channel, encoded straight into one pooled direct
 * buffer: a read batch of pipelined requests becomes one buffer and one write, with no heap copy on
 * the way. Between batches it holds no buffer, so an idle connection costs none. Event loop only.
 */
final class ReplyBuffer implements RespSink {

    /**
     * Past this many bytes the replies go to the channel before the batch ends, so its write buffer
     * water marks (and the back-pressure built on them) see big replies as they are made.
     */
    private static final int HAND_OVER_BYTES = 16 * 1024;

    private final ChannelHandlerContext ctx;
    /** Null while no reply waits. */
    private ByteBuf pending;

    ReplyBuffer(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** Encodes {@code reply} behind the ones before it. */
    void add(RespValue reply) {
        RespEncoder.write(reply, this);
        if (pending.readableBytes() >= HAND_OVER_BYTES) {
            ctx.write(take(), ctx.voidPromise());
        }
    }

    /** The replies added since the last take, for the channel to write; an empty buffer when none. */
    ByteBuf take() {
        ByteBuf replies = pending == null ? Unpooled.EMPTY_BUFFER : pending;
        pending = null;
        return replies;
    }

    /** The channel is gone: gives back a buffer nobody will write. */
    void release() {
        if (pending != null) {
            pending.release();
            pending = null;
        }
    }

    @Override
    public void writeByte(int value) {
        buffer().writeByte(value);
    }

    @Override
    public void writeBytes(byte[] bytes) {
        buffer().writeBytes(bytes);
    }

    private ByteBuf buffer() {
        if (pending == null) {
            pending = ctx.alloc().ioBuffer();
        }
        return pending;
    }
}
