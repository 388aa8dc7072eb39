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
 *
 * <p>Like Netty's {@code IdleStateHandler}, it keeps at most one timer and checks the clock when
 * it fires, so a pipeline whose reads end mid-request costs no timer per read.
 */
final class RequestTimeoutHandler extends ChannelInboundHandlerAdapter {

    private final RespFrameDecoder frames;
    private final long timeoutNanos;
    /** A request has begun and is not complete. */
    private boolean begun;
    /** When the request in progress began, on the event loop's clock. */
    private long begunNanos;
    /** The next check of the clock, or null. */
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
        begun = false; // this request is complete; the next one, maybe begun in this same read, is timed on its own
        ctx.fireChannelRead(request);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!begun && frames.hasPartialRequest()) {
            begun = true;
            begunNanos = now(ctx);
            if (timer == null) {
                checkAfter(ctx, timeoutNanos);
            }
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        ctx.fireChannelInactive();
    }

    private void checkAfter(ChannelHandlerContext ctx, long delayNanos) {
        timer = ctx.executor().schedule(() -> check(ctx), delayNanos, TimeUnit.NANOSECONDS);
    }

    private void check(ChannelHandlerContext ctx) {
        timer = null;
        if (!begun || !frames.hasPartialRequest()) {
            return;
        }
        if (!ctx.channel().config().isAutoRead()) {
            begunNanos = now(ctx); // the server is not reading: the wait is its own, so the clock starts again
        }
        long leftNanos = begunNanos + timeoutNanos - now(ctx);
        if (leftNanos > 0) {
            checkAfter(ctx, leftNanos);
        } else {
            ctx.fireUserEventTriggered(ConnectionEvent.REQUEST_TIMED_OUT);
        }
    }

    private static long now(ChannelHandlerContext ctx) {
        return ctx.executor().ticker().nanoTime();
    }
}
