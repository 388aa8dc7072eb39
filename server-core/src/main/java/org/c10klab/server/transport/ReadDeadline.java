package org.c10klab.server.transport;

import io.netty.channel.ChannelHandlerContext;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A timeout for bytes a channel is owed: {@link #start()} begins a wait, {@link #stop()} ends it when
 * they arrive, and a wait that outlasts the timeout runs {@code expired} once. Time while the channel
 * is not read (auto-read off, so the owed bytes could not arrive) is not counted: the clock starts
 * again. The event-loop server's request timeout and the balancer's server timeout are both this.
 *
 * <p>Like Netty's {@code IdleStateHandler} it keeps at most one timer and checks the clock when it
 * fires, so waits that start and stop on every read cost no timer each. Event loop only; call
 * {@link #cancel()} when the channel closes.
 */
public final class ReadDeadline {

    private final ChannelHandlerContext ctx;
    private final long timeoutNanos;
    private final Runnable expired;
    private boolean waiting;
    /** When the wait began, on the event loop's clock. */
    private long waitingSinceNanos;
    /** The next check of the clock, or null. */
    private Future<?> timer;

    /**
     * @param ctx     the handler's context on the channel that is owed bytes
     * @param timeout more than zero
     * @param expired runs on the event loop when a wait outlasts the timeout; the wait is over by then
     */
    public ReadDeadline(ChannelHandlerContext ctx, Duration timeout, Runnable expired) {
        this.ctx = ctx;
        this.timeoutNanos = timeout.toNanos();
        this.expired = expired;
    }

    /** Begins a wait now, unless one is running (which keeps its start). */
    public void start() {
        if (waiting) {
            return;
        }
        waiting = true;
        waitingSinceNanos = now();
        if (timer == null) {
            checkAfter(timeoutNanos);
        }
    }

    /** The owed bytes arrived; a timer still pending finds no wait and ends. */
    public void stop() {
        waiting = false;
    }

    public boolean isWaiting() {
        return waiting;
    }

    /** The channel closed: no check will run. */
    public void cancel() {
        waiting = false;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void checkAfter(long delayNanos) {
        timer = ctx.executor().schedule(this::check, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void check() {
        timer = null;
        if (!waiting) {
            return;
        }
        if (!ctx.channel().config().isAutoRead()) {
            waitingSinceNanos = now(); // not read: the owed bytes could not arrive, so this wait is not theirs
        }
        long leftNanos = waitingSinceNanos + timeoutNanos - now();
        if (leftNanos > 0) {
            checkAfter(leftNanos);
        } else {
            waiting = false;
            expired.run();
        }
    }

    private long now() {
        return ctx.executor().ticker().nanoTime();
    }
}
