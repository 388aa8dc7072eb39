package org.c10klab.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Gives each request {@code --request-timeout} from the read that brought its first bytes to the
 * one that completes it, then fires {@link ConnectionEvent#REQUEST_TIMED_OUT} (nginx's
 * {@code client_header_timeout}, for RESP). Idle time between requests is not timed, and neither
 * is time the server spends not reading the connection (a reply owed, a client not taking its
 * replies): that delay is the server's, not the client's. Runs on the connection's event loop.
 */
final class RequestTimeoutHandler extends ChannelInboundHandlerAdapter {

    private final RespFrameDecoder frames;
    private final long timeoutNanos;
    /** Runs out when the request in progress is late; null between requests. */
    private Future<?> timer;

    /**
     * @param frames  the connection's decoder, asked whether a request has begun and is not complete
     * @param timeout more than zero
     */
    RequestTimeoutHandler(RespFrameDecoder frames, Duration timeout) {
        this.frames = frames;
        this.timeoutNanos = timeout.toNanos();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object request) {
        cancel(); // a request is complete; the next one, maybe begun in this same read, gets a timeout of its own
        ctx.fireChannelRead(request);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (timer == null && frames.hasPartialRequest()) {
            start(ctx);
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    private void start(ChannelHandlerContext ctx) {
        timer = ctx.executor().schedule(() -> expire(ctx), timeoutNanos, TimeUnit.NANOSECONDS);
    }

    private void expire(ChannelHandlerContext ctx) {
        timer = null;
        if (!frames.hasPartialRequest()) {
            return;
        }
        if (ctx.channel().config().isAutoRead()) {
            ctx.fireUserEventTriggered(ConnectionEvent.REQUEST_TIMED_OUT);
        } else {
            start(ctx); // the server is not reading: the wait is its own, so the request gets a new full timeout
        }
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
