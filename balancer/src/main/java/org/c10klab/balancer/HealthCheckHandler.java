package org.c10klab.balancer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.Promise;
import java.nio.charset.StandardCharsets;

/** One health check's connection: sends {@code PING} once connected and completes with how the reply looked. */
final class HealthCheckHandler extends ChannelInboundHandlerAdapter {

    private static final byte[] PING = "*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PONG = "+PONG\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Promise<CheckResult> result;
    /** Bytes of the reply matched so far; a reply may arrive in pieces. */
    private int matched;

    HealthCheckHandler(Promise<CheckResult> result) {
        this.result = result;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(Unpooled.wrappedBuffer(PING));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf reply = (ByteBuf) msg;
        try {
            while (reply.isReadable() && matched < PONG.length) {
                if (reply.readByte() != PONG[matched++]) {
                    result.trySuccess(CheckResult.BAD_REPLY);
                    return;
                }
            }
            if (matched == PONG.length) {
                result.trySuccess(CheckResult.OK);
            }
        } finally {
            reply.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        result.trySuccess(CheckResult.CLOSED);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        result.trySuccess(CheckResult.of(cause));
    }
}
