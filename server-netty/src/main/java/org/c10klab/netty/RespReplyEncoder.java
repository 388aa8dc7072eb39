package org.c10klab.netty;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;
import org.c10klab.protocol.resp.RespEncoder;
import org.c10klab.protocol.resp.RespValue;

/** Writes each reply in RESP2 wire form with the protocol module's {@link RespEncoder}. */
@Sharable
final class RespReplyEncoder extends MessageToMessageEncoder<RespValue> {

    RespReplyEncoder() {
        super(RespValue.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, RespValue reply, List<Object> out) {
        // Wrapped, not copied: the transport copies once into direct memory on its way to the socket.
        out.add(Unpooled.wrappedBuffer(RespEncoder.encode(reply)));
    }
}
