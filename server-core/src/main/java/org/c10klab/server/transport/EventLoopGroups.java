package org.c10klab.server.transport;

import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Stops event loop groups without a quiet period, so a stopping process does not linger on idle loops. */
public final class EventLoopGroups {

    private EventLoopGroups() {
    }

    /**
     * Asks every group to stop at once, then waits up to {@code timeout} for each to end, so their
     * threads are gone from the thread count when this returns.
     */
    public static void shutDown(Duration timeout, EventLoopGroup... groups) {
        long timeoutMillis = timeout.toMillis();
        for (EventLoopGroup group : groups) {
            group.shutdownGracefully(0, timeoutMillis, TimeUnit.MILLISECONDS);
        }
        for (EventLoopGroup group : groups) {
            group.terminationFuture().awaitUninterruptibly(timeoutMillis, TimeUnit.MILLISECONDS);
        }
    }
}
