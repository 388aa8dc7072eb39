package org.c10klab.balancer;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import java.time.Duration;

/** Sets up one backend connection: the server timeout, when on, then the relay of the replies to the client. */
final class BackendConnectionInitializer extends ChannelInitializer<Channel> {

    private final Channel client;
    private final Backend backend;
    private final Duration serverTimeout;

    /** @param serverTimeout zero for none */
    BackendConnectionInitializer(Channel client, Backend backend, Duration serverTimeout) {
        this.client = client;
        this.backend = backend;
        this.serverTimeout = serverTimeout;
    }

    @Override
    protected void initChannel(Channel connection) {
        if (!serverTimeout.isZero()) {
            // First in the pipeline: it sees every reply as it arrives and every request the relay writes.
            connection.pipeline().addLast(new ServerTimeoutHandler(backend, serverTimeout));
        }
        connection.pipeline().addLast(new BackendHandler(client, backend));
    }
}
