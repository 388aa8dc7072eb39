package org.c10klab.balancer;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.time.Duration;
import org.c10klab.server.transport.ReadDeadline;

/**
 * {@code --server-timeout} on one backend connection: HAProxy's {@code timeout server}, but only while a
 * client waits. Once the client's bytes have been written to the backend after the backend last spoke,
 * the backend has that long to send something back; if it stays silent, this connection is closed (and
 * with it, by the relay, the client's) and counted for the backend. A connection where nobody waits
 * (idle, or answered) is never cut. The balancer does not parse the protocol, so a reply's first bytes
 * count as the answer: a backend that stops half-way through a reply is not caught.
 *
 * <p>Time while the balancer does not read the backend (its client does not take the replies) is the
 * client's, not the backend's silence ({@link ReadDeadline}). Runs on the connection's event loop.
 */
final class ServerTimeoutHandler extends ChannelDuplexHandler {

    private final Backend backend;
    private final Duration timeout;
    /** Waits from a request written after the last reply until the next reply. */
    private ReadDeadline deadline;

    /**
     * @param backend counts the timeouts
     * @param timeout more than zero
     */
    ServerTimeoutHandler(Backend backend, Duration timeout) {
        this.backend = backend;
        this.timeout = timeout;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        deadline = new ReadDeadline(ctx, timeout, () -> {
            backend.serverTimedOut();
            ctx.close();
        });
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        // The relay's empty buffers only flush or precede a FIN: not a request.
        if (msg instanceof ByteBuf bytes && bytes.isReadable()) {
            deadline.start();
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        deadline.stop();
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        deadline.cancel();
        ctx.fireChannelInactive();
    }
}
