package org.c10klab.balancer;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DuplexChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One client connection: picks a backend, connects to it on the client's own event loop (so both
 * sides of the relay share one thread and need no locks), and relays the client's bytes to it. The
 * client is not read until its backend connection is up; a failed connect makes that backend suspect
 * and the client is tried once more on the next one. A client no backend can take is told so in the
 * balancer's only words of RESP, {@code -ERR no backend available}, and closed.
 */
final class FrontendHandler extends RelayHandler {

    /** An error reply, so a RESP client shows its user why the connection closes instead of a bare EOF. */
    private static final byte[] NO_BACKEND = "-ERR no backend available\r\n".getBytes(StandardCharsets.US_ASCII);

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
            reject(client);
            return;
        }
        long connectStarted = System.nanoTime();
        ChannelFuture connecting = backendBootstrap.clone(client.eventLoop())
                .handler(new BackendConnectionInitializer(client, chosen, serverTimeout))
                .connect(chosen.address());
        peer = connecting.channel();
        peer.closeFuture().addListener(closed -> chosen.releaseConnection());
        connecting.addListener(connected -> {
            if (connected.isSuccess()) {
                metrics.backendConnected(chosen, System.nanoTime() - connectStarted);
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
                    reject(client);
                } else {
                    metrics.clientRetried();
                    connect(client, pool.select(chosen), true);
                }
            }
            // Else the client left first and its channelInactive closed the attempt: not the backend's fault.
        });
    }

    /** No backend up, or none reachable: tell the client why, then close. */
    private void reject(Channel client) {
        metrics.clientRejected();
        // A wrapper per client over the shared bytes, which nothing writes to: each write moves its own indices.
        // The FIN goes out before the close: a client whose request was never read gets the error and then
        // EOF, where the close alone would end in a reset (the kernel's answer to unread bytes).
        client.writeAndFlush(Unpooled.wrappedBuffer(NO_BACKEND)).addListener(written ->
                ((DuplexChannel) client).shutdownOutput().addListener(shut -> client.close()));
    }
}
