package org.c10klab.harness.flood;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * The last handler of a flood connection: hands replies, the end of each read, failures and the close to the
 * connection's slot.
 */
final class ReplyHandler extends ChannelInboundHandlerAdapter {

    private final ClientSlot slot;

    ReplyHandler(ClientSlot slot) {
        this.slot = slot;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Reply reply) {
            slot.onReply(ctx.channel(), reply);
        } else if (msg instanceof ByteBuf raw) {
            // --protocol raw: any bytes back are the reply.
            boolean anyBytes = raw.isReadable();
            raw.release();
            if (anyBytes) {
                slot.onReply(ctx.channel(), Reply.ANSWER);
            }
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        slot.onReadComplete(ctx.channel());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        slot.onFailure(ctx.channel(), OutcomeClassifier.classify(cause));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        slot.onClosed(ctx.channel());
    }
}
