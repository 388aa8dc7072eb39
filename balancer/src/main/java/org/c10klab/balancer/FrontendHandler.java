package org.c10klab.balancer;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import java.time.Duration;

/**
 * One client connection: picks a backend, connects to it on the client's own event loop (so both
 * sides of the relay share one thread and need no locks), and relays the client's bytes to it. The
 * client is not read until its backend connection is up; a failed connect makes that backend suspect
 * and the client is tried once more on the next one.
 */
final class FrontendHandler extends RelayHandler {

    private final BackendPool pool;
    private final BalancerMetrics metrics;
    /** Options and channel class for backend connections, cloned per client. */
    private final Bootstrap backendBootstrap;
    /** Zero for none. */
    private final Duration serverTimeout;
    /** Set once the backend connection is up. Event loop only. */
    private Backend backend;

    FrontendHandler(BackendPool pool, BalancerMetrics metrics, Bootstrap backendBootstrap, Duration serverTimeout) {
        this.pool = pool;
        this.metrics = metrics;
        this.backendBootstrap = backendBootstrap;
        this.serverTimeout = serverTimeout;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        metrics.clientOpened();
        connect(ctx.channel(), pool.select(null), false);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        metrics.clientClosed();
        super.channelInactive(ctx);
    }

    @Override
    protected void relayed(int bytes) {
        backend.relayedToBackend(bytes);
    }

    /**
     * @param chosen   a backend with a connection reserved for this client, or null when none is up
     * @param retrying true when an earlier backend already failed this client
     */
    private void connect(Channel client, Backend chosen, boolean retrying) {
        if (chosen == null) {
            metrics.clientRejected();
            client.close();
            return;
        }
        ChannelFuture connecting = backendBootstrap.clone(client.eventLoop())
                .handler(new BackendConnectionInitializer(client, chosen, serverTimeout))
                .connect(chosen.address());
        peer = connecting.channel();
        peer.closeFuture().addListener(closed -> chosen.releaseConnection());
        connecting.addListener(connected -> {
            if (connected.isSuccess()) {
                chosen.connected();
                backend = chosen;
                if (client.isActive()) {
                    client.config().setAutoRead(true);
                } else {
                    peer.close();
                }
            } else if (client.isActive()) {
                chosen.connectFailed(connected.cause());
                if (retrying) {
                    client.close();
                } else {
                    metrics.clientRetried();
                    connect(client, pool.select(chosen), true);
                }
            }
            // Else the client left first and its channelInactive closed the attempt: not the backend's fault.
        });
    }
}
