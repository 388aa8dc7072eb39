package org.c10klab.balancer;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Active health checks: every {@code interval}, per backend, a fresh connection that must answer
 * {@code PING} with {@code +PONG} within {@code timeout}; the backend applies the rise and fall rules.
 * A check starts an interval after the previous one started, or at once if that one took longer.
 */
final class HealthChecker {

    private final BackendPool pool;
    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final long intervalNanos;
    private final long timeoutNanos;
    private volatile boolean stopped;

    HealthChecker(BackendPool pool, EventLoopGroup group, Class<? extends SocketChannel> channelClass,
                  Duration interval, Duration timeout) {
        this.pool = pool;
        this.group = group;
        this.intervalNanos = interval.toNanos();
        this.timeoutNanos = timeout.toNanos();
        this.bootstrap = new Bootstrap()
                .channel(channelClass)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, timeout.toMillis()))
                .option(ChannelOption.TCP_NODELAY, true);
    }

    /** Checks every backend now, then every interval until {@link #stop()}. */
    void start() {
        for (Backend backend : pool.backends()) {
            EventLoop loop = group.next();
            loop.execute(() -> check(backend, loop));
        }
    }

    /** No check starts after this; one in flight finishes on its own. */
    void stop() {
        stopped = true;
    }

    private void check(Backend backend, EventLoop loop) {
        if (stopped) {
            return;
        }
        long startNanos = System.nanoTime();
        Promise<CheckResult> result = loop.newPromise();
        ChannelFuture connecting = bootstrap.clone(loop)
                .handler(new HealthCheckHandler(result))
                .connect(backend.address());
        connecting.addListener(connected -> {
            if (!connected.isSuccess()) {
                result.trySuccess(CheckResult.of(connected.cause()));
            }
        });
        ScheduledFuture<?> deadline = loop.schedule(() -> result.trySuccess(CheckResult.TIMEOUT),
                timeoutNanos, TimeUnit.NANOSECONDS);
        result.addListener(done -> {
            deadline.cancel(false);
            connecting.channel().close();
            if (stopped) {
                return;
            }
            backend.checked(result.getNow());
            long nextInNanos = Math.max(0, intervalNanos - (System.nanoTime() - startNanos));
            loop.schedule(() -> check(backend, loop), nextInNanos, TimeUnit.NANOSECONDS);
        });
    }
}
