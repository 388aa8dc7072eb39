package org.c10klab.balancer;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.c10klab.server.KernelSettings;
import org.c10klab.server.observe.MetricsHttpServer;
import org.c10klab.server.transport.BackPressure;
import org.c10klab.server.transport.EventLoopGroups;
import org.c10klab.server.transport.NettyTransport;
import org.c10klab.server.transport.TransportSelection;

/**
 * A TCP load balancer on Netty: accepts clients, relays each to one healthy backend chosen by the
 * strategy, checks the backends' health, and serves {@code /metrics}, {@code /status} and {@code /health}.
 */
public final class BalancerServer {

    /** The name in the LISTENING line's {@code model=} field. */
    public static final String MODEL = "balancer";

    private static final long SHUTDOWN_TIMEOUT_SECONDS = 5;

    private final BalancerOptions options;
    private final TransportSelection transport;
    private final BackendPool pool;
    private final BalancerMetrics metrics;
    private final EventLoopGroup acceptGroup;
    private final EventLoopGroup ioGroup;
    private final ChannelGroup clients = new DefaultChannelGroup("clients", GlobalEventExecutor.INSTANCE);
    private final HealthChecker healthChecker;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Channel listener;
    private final MetricsHttpServer http;

    private BalancerServer(BalancerOptions options, List<InetSocketAddress> addresses, TransportSelection transport)
            throws IOException {
        this.options = options;
        this.transport = transport;
        List<Backend> backends = new ArrayList<>();
        for (InetSocketAddress address : addresses) {
            backends.add(new Backend(address, options.rise, options.fall));
        }
        this.pool = new BackendPool(backends, options.strategy());
        this.metrics = new BalancerMetrics(pool, options.connectTimeout);
        NettyTransport netty = transport.transport();
        IoHandlerFactory ioHandlers = netty.ioHandlerFactory();
        this.acceptGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("balancer-accept"), ioHandlers);
        this.ioGroup = new MultiThreadIoEventLoopGroup(options.ioThreads, new DefaultThreadFactory("balancer-io"),
                ioHandlers);

        Bootstrap backendBootstrap = new Bootstrap()
                .channel(netty.socketChannelClass())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, options.connectTimeout.toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, BackPressure.WATER_MARK)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true);
        ChannelFuture bound = new ServerBootstrap()
                .group(acceptGroup, ioGroup)
                .channel(netty.serverChannelClass())
                .option(ChannelOption.SO_BACKLOG, options.requestedBacklog())
                .option(ChannelOption.SO_REUSEADDR, true)
                // Not read until its backend connection is up: nothing to relay the bytes to before.
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, BackPressure.WATER_MARK)
                // A client that half-closes (e.g. nc at end of input) still gets every reply.
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childHandler(new BalancerServerInitializer(pool, metrics, backendBootstrap, options.serverTimeout,
                        clients))
                .bind(options.bind, options.port)
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            shutDownThreads();
            metrics.close();
            throw new IOException("cannot listen on " + options.bind + ":" + options.port + ": "
                    + bound.cause().getMessage(), bound.cause());
        }
        this.listener = bound.channel();
        this.healthChecker = new HealthChecker(pool, ioGroup, netty.socketChannelClass(), options.healthInterval,
                options.healthTimeout);
        healthChecker.start();
        try {
            BalancerStatus status = new BalancerStatus(this, options);
            this.http = options.metricsPort < 0 ? null : new MetricsHttpServer(options.bind, options.metricsPort,
                    metrics::scrape, this::isAccepting, Map.of("/status", status::render));
        } catch (IOException e) {
            stop();
            throw new IOException("cannot serve /metrics on " + options.bind + ":" + options.metricsPort + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Starts a balancer that is bound, accepting and checking its backends when this returns.
     *
     * @throws IllegalArgumentException for an out-of-range option, a bad or remote backend, or an
     *                                  unavailable transport
     * @throws IOException              when an address cannot be bound
     */
    public static BalancerServer start(BalancerOptions options) throws IOException {
        List<InetSocketAddress> backends = options.validate();
        return new BalancerServer(options, backends, TransportSelection.select(options.transport));
    }

    /** The address actually bound (the real port when 0 was asked for). */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) listener.localAddress();
    }

    /** {@code HOST:PORT} of {@code /metrics} and {@code /status}, or {@code off}. */
    public String metricsAddress() {
        return http == null ? "off" : http.address();
    }

    /** The accept-queue limit the kernel applies: min(requested backlog, somaxconn). */
    public int effectiveBacklog() {
        return KernelSettings.effectiveBacklog(options.requestedBacklog());
    }

    public BackendPool pool() {
        return pool;
    }

    public BalancerMetrics metrics() {
        return metrics;
    }

    /** The transport this balancer runs on, and why better ones were skipped. */
    public TransportSelection transportSelection() {
        return transport;
    }

    /** True once the listener is bound and until a stop begins. */
    public boolean isAccepting() {
        return !stopping.get() && listener.isActive();
    }

    /**
     * Stops accepting and checking, closes every client connection (and so its backend connection),
     * and releases all threads. Idempotent.
     */
    public void stop() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        try {
            healthChecker.stop();
            listener.close().awaitUninterruptibly();
            clients.close().awaitUninterruptibly(SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (http != null) {
                http.close();
            }
            shutDownThreads();
            metrics.close();
        } finally {
            stopped.countDown();
        }
    }

    /** Blocks until {@link #stop()} has finished. */
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    private void shutDownThreads() {
        EventLoopGroups.shutDown(Duration.ofSeconds(SHUTDOWN_TIMEOUT_SECONDS), acceptGroup, ioGroup);
    }
}
