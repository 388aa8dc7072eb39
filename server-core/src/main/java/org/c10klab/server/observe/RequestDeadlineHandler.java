package org.c10klab.server.observe;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection that has not delivered a whole request within the deadline since it opened or
 * since its last response. Unlike a read timeout, a byte now and then does not extend it, so a
 * trickling client is closed as surely as a stalled or idle one.
 */
final class RequestDeadlineHandler extends ChannelDuplexHandler {

    private final Duration deadline;
    /** Event loop only. */
    private ScheduledFuture<?> expiry;

    RequestDeadlineHandler(Duration deadline) {
        this.deadline = deadline;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        arm(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (message instanceof FullHttpRequest) {
            disarm();
        }
        ctx.fireChannelRead(message);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) {
        if (message instanceof LastHttpContent) {
            // The next request's time starts once this response is out.
            promise = promise.unvoid().addListener(written -> arm(ctx));
        }
        ctx.write(message, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        disarm();
        ctx.fireChannelInactive();
    }

    private void arm(ChannelHandlerContext ctx) {
        disarm();
        if (ctx.channel().isActive()) {
            expiry = ctx.executor().schedule(() -> ctx.close(), deadline.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void disarm() {
        if (expiry != null) {
            expiry.cancel(false);
            expiry = null;
        }
    }
}
