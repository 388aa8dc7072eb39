package org.c10klab.balancer;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import java.time.Duration;

/** Gives each client connection its own {@link FrontendHandler} and registers it, so a stop can close it. */
final class BalancerServerInitializer extends ChannelInitializer<Channel> {

    private final BackendPool pool;
    private final BalancerMetrics metrics;
    private final Bootstrap backendBootstrap;
    private final Duration serverTimeout;
    private final ChannelGroup connections;

    BalancerServerInitializer(BackendPool pool, BalancerMetrics metrics, Bootstrap backendBootstrap,
                              Duration serverTimeout, ChannelGroup connections) {
        this.pool = pool;
        this.metrics = metrics;
        this.backendBootstrap = backendBootstrap;
        this.serverTimeout = serverTimeout;
        this.connections = connections;
    }

    @Override
    protected void initChannel(Channel client) {
        connections.add(client);
        client.pipeline().addLast(new FrontendHandler(pool, metrics, backendBootstrap, serverTimeout));
    }
}
