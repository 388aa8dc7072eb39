package org.c10klab.balancer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;

/**
 * Copies bytes from its channel to a peer channel on the same event loop, with back-pressure both ways:
 * while the peer's unsent bytes are above its high water mark this side stops reading, so a slow reader
 * slows its writer instead of filling the balancer's memory. A half-close is passed on as a half-close.
 */
abstract class RelayHandler extends ChannelInboundHandlerAdapter {

    /** The other side; null until the backend connection exists. Event loop only. */
    protected Channel peer;

    /** {@code bytes} were just handed to the peer. */
    protected abstract void relayed(int bytes);

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (peer == null || !peer.isActive()) {
            ReferenceCountUtil.release(msg);
            return;
        }
        relayed(((ByteBuf) msg).readableBytes());
        // Flushed once per read burst, in channelReadComplete: one syscall for up to 16 reads.
        // Above the peer's high water mark this write makes the peer unwritable, and the peer's
        // channelWritabilityChanged stops this side reading until the peer drained.
        peer.write(msg, peer.voidPromise());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (peer != null) {
            peer.flush();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        // This channel's own unsent bytes crossed a water mark: pause or resume whoever feeds it.
        if (peer != null) {
            peer.config().setAutoRead(ctx.channel().isWritable());
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof ChannelInputShutdownEvent) {
            // EOF from this side: pass the FIN on once everything before it is written, keep relaying the
            // other way, and close when both directions are done.
            if (peer != null && peer.isActive()) {
                shutdownOutputAfterFlush(peer);
            }
            if (((DuplexChannel) ctx.channel()).isOutputShutdown() || peer == null || !peer.isActive()) {
                ctx.close();
            }
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (peer != null) {
            closeAfterFlush(peer);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A reset or a failed write: the connection is over on this side; the peer follows in channelInactive.
        ctx.close();
    }

    private static void shutdownOutputAfterFlush(Channel channel) {
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(written -> {
            DuplexChannel duplex = (DuplexChannel) channel;
            duplex.shutdownOutput().addListener(shut -> {
                if (!shut.isSuccess() || duplex.isInputShutdown()) {
                    channel.close();
                }
            });
        });
    }

    static void closeAfterFlush(Channel channel) {
        if (channel.isActive()) {
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        } else {
            channel.close();
        }
    }
}
