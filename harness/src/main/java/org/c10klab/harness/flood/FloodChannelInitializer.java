package org.c10klab.harness.flood;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;

/** Sets up a flood connection's pipeline: the reply decoder (RESP only) and the slot's reply handler. */
final class FloodChannelInitializer extends ChannelInitializer<Channel> {

    private final Protocol protocol;
    private final ClientSlot slot;

    FloodChannelInitializer(Protocol protocol, ClientSlot slot) {
        this.protocol = protocol;
        this.slot = slot;
    }

    @Override
    protected void initChannel(Channel channel) {
        if (protocol == Protocol.RESP) {
            channel.pipeline().addLast(new RespReplyDecoder());
        }
        channel.pipeline().addLast(new ReplyHandler(slot));
    }
}
