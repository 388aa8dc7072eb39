package org.c10klab.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.time.Duration;
import org.c10klab.server.transport.ReadDeadline;

/**
 * Gives each request {@code --request-timeout} from the read that brought its first bytes to the
 * one that completes it, then fires {@link ConnectionEvent#REQUEST_TIMED_OUT} (nginx's
 * {@code client_header_timeout}, for RESP). Idle time between requests is not timed, and neither
 * is time the server spends not reading the connection (a reply owed, a client not taking its
 * replies): that delay is the server's, not the client's ({@link ReadDeadline}). Runs on the
 * connection's event loop.
 */
final class RequestTimeoutHandler extends ChannelInboundHandlerAdapter {

    private final RespFrameDecoder frames;
    private final Duration timeout;
    private ChannelHandlerContext ctx;
    /** Waits while a request has begun and is not complete; made when one first spans reads, as most never do. */
    private ReadDeadline deadline;

    /**
     * @param frames  the connection's decoder, asked whether a request has begun and is not complete
     * @param timeout more than zero
     */
    RequestTimeoutHandler(RespFrameDecoder frames, Duration timeout) {
        this.frames = frames;
        this.timeout = timeout;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object request) {
        if (deadline != null) {
            deadline.stop(); // this request is complete; the next one, maybe begun in this same read, is timed on its own
        }
        ctx.fireChannelRead(request);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (frames.hasPartialRequest()) {
            deadline().start();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (deadline != null) {
            deadline.cancel();
        }
        ctx.fireChannelInactive();
    }

    private ReadDeadline deadline() {
        if (deadline == null) {
            deadline = new ReadDeadline(ctx, timeout, () -> {
                // A request the decoder dropped meanwhile (the connection is closing) is not timed out.
                if (frames.hasPartialRequest()) {
                    ctx.fireUserEventTriggered(ConnectionEvent.REQUEST_TIMED_OUT);
                }
            });
        }
        return deadline;
    }
}
