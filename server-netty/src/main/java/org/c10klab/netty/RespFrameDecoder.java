package org.c10klab.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.ByteBuffer;
import java.util.List;
import org.c10klab.protocol.ProtocolLimits;
import org.c10klab.protocol.resp.ClientBufferAccount;
import org.c10klab.protocol.resp.ClientBufferBudget;
import org.c10klab.protocol.resp.ClientBufferBudgetException;
import org.c10klab.protocol.resp.ProtocolException;
import org.c10klab.protocol.resp.RespCommand;
import org.c10klab.protocol.resp.RespRequestDecoder;

/**
 * Adapts the protocol module's {@link RespRequestDecoder} to Netty: emits each complete request as a
 * {@link RespCommand} and a malformed one as its {@link ProtocolException}, in wire order, then
 * discards everything the connection sends after the error. An eviction by the client buffer budget
 * is emitted the same way, as a {@link ClientBufferBudgetException}, also when another connection's
 * growth caused it.
 */
final class RespFrameDecoder extends ByteToMessageDecoder {

    private final ClientBufferAccount account;
    private final RespRequestDecoder decoder;
    private volatile ChannelHandlerContext ctx;
    private boolean failed;

    RespFrameDecoder(ProtocolLimits limits, ClientBufferBudget clientBuffers) {
        this.account = clientBuffers.open(() -> ctx.executor().execute(this::evicted));
        this.decoder = new RespRequestDecoder(limits, account);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        account.close();
    }

    /** True while a request has begun to arrive and is not complete; false between requests. */
    boolean hasPartialRequest() {
        return decoder.hasPartialRequest();
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        // A view of the readable bytes, not a copy; the decoder keeps partial requests itself, so
        // whatever it consumed is skipped here and never fed again (and Netty releases the buffer).
        ByteBuffer bytes = in.nioBuffer(in.readerIndex(), in.readableBytes());
        int start = bytes.position();
        try {
            RespCommand command;
            while ((command = decoder.decode(bytes)) != null) {
                out.add(command);
            }
        } catch (ProtocolException | ClientBufferBudgetException e) {
            // The error takes its place in line: replies to earlier requests still go out first.
            out.add(e);
            failed = true;
            bytes.position(bytes.limit());
        } finally {
            in.skipBytes(bytes.position() - start);
        }
    }

    /** On the event loop, after another connection's growth evicted this one: drop the partial command, then say why. */
    private void evicted() {
        if (failed || ctx.isRemoved()) {
            return;
        }
        try {
            decoder.requireNotEvicted();
        } catch (ClientBufferBudgetException e) {
            failed = true;
            ctx.fireChannelRead(e);
            ctx.fireChannelReadComplete();
        }
    }
}
