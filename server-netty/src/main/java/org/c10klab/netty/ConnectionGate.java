package org.c10klab.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.group.ChannelGroup;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.c10klab.server.log.AccessLog;
import org.c10klab.server.log.ThrottledWarning;
import org.c10klab.server.observe.MeterNames;
import org.c10klab.server.observe.ServerMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits on the listening channel and decides when it accepts: it counts every accepted connection,
 * stops accepting while {@code --max-connections} are open (later clients wait in the kernel's
 * accept queue, exactly as with a slow server), and outlives accept errors such as EMFILE by
 * pausing briefly and logging at most once a second.
 */
final class ConnectionGate extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ConnectionGate.class);
    /** Long enough that a persistent error (no file descriptors left) costs no noticeable CPU. */
    private static final long ACCEPT_PAUSE_MILLIS = 100;

    private final int maxConnections;
    private final ServerMetrics metrics;
    private final AccessLog accessLog;
    private final ChannelGroup connections;
    private final ThrottledWarning acceptErrors = new ThrottledWarning(log, Duration.ofSeconds(1));
    private Channel listener;
    /** Guarded by this: children close on any event loop. */
    private int open;
    /** Guarded by this. */
    private boolean paused;

    /**
     * @param maxConnections most connections open at once; 0 for no limit
     * @param connections    where every accepted connection is registered, so a stop can close them
     */
    ConnectionGate(int maxConnections, ServerMetrics metrics, AccessLog accessLog, ChannelGroup connections) {
        this.maxConnections = maxConnections;
        this.metrics = metrics;
        this.accessLog = accessLog;
        this.connections = connections;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        listener = ctx.channel();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object accepted) {
        Channel child = (Channel) accepted;
        metrics.connectionOpened();
        connections.add(child);
        synchronized (this) {
            open++;
            updateAccepting();
        }
        child.closeFuture().addListener(closed -> {
            metrics.connectionClosed();
            synchronized (this) {
                open--;
                updateAccepting();
            }
        });
        ctx.fireChannelRead(child);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Errors on a listening channel come from accept(); the connection stays in the kernel's
        // queue and is retried after the pause. Retrying at once would spin a core on EMFILE.
        metrics.connectionRejected(MeterNames.REASON_ACCEPT_ERROR);
        accessLog.acceptFailed(cause.getMessage());
        acceptErrors.warn("accept failed: " + cause.getMessage() + "; pausing accepts for " + ACCEPT_PAUSE_MILLIS
                + " ms; if this says 'Too many open files', raise ulimit -n");
        synchronized (this) {
            paused = true;
            updateAccepting();
        }
        ctx.executor().schedule(() -> {
            synchronized (this) {
                paused = false;
                updateAccepting();
            }
        }, ACCEPT_PAUSE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Caller holds this: the count and the switch must change together. */
    private void updateAccepting() {
        boolean accept = !paused && (maxConnections == 0 || open < maxConnections);
        ChannelConfig config = listener.config();
        if (config.isAutoRead() != accept) {
            config.setAutoRead(accept);
        }
    }
}
