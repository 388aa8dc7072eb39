package org.c10klab.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannelRecvByteBufAllocator;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.ChannelGroupFuture;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.unix.UnixChannelOption;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.Slf4JLoggerFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.c10klab.protocol.ProtocolLimits;
import org.c10klab.protocol.command.CommandExecutor;
import org.c10klab.protocol.plugin.CommandPlugins;
import org.c10klab.protocol.resp.ClientBufferBudget;
import org.c10klab.protocol.store.LruStore;
import org.c10klab.server.DurationConverter;
import org.c10klab.server.LabServer;
import org.c10klab.server.ServerOptions;
import org.c10klab.server.StandardInfo;
import org.c10klab.server.log.ServerLogging;
import org.c10klab.server.observe.ServerMetrics;
import org.c10klab.server.transport.BackPressure;
import org.c10klab.server.transport.EventLoopGroups;
import org.c10klab.server.transport.NettyTransport;
import org.c10klab.server.transport.TransportSelection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event-loop model: a few threads serve every connection, and a waiting connection holds
 * nothing but its channel (SLEEP is a timer on its event loop).
 */
public final class NettyServer implements LabServer {

    static {
        // Netty's own warnings (leaks, rejected tasks) go through the same Logback queues as ours.
        // Set before this class touches any other Netty class, whose loggers are made when it loads.
        InternalLoggerFactory.setDefaultFactory(Slf4JLoggerFactory.INSTANCE);
    }

    /** The model name in INFO, metrics and the LISTENING line. */
    public static final String MODEL = "netty";

    private static final long SHUTDOWN_TIMEOUT_SECONDS = 5;
    /** After the drain timeout, how long the shutting-down errors get to leave before connections are closed regardless. */
    private static final Duration GIVE_UP_GRACE = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(NettyServer.class);

    private final TransportSelection transport;
    private final NettyOptions nettyOptions;
    private final ServerMetrics metrics;
    private final ServerLogging logging;
    private final StandardInfo info;
    private final EventLoopGroup acceptGroup;
    private final EventLoopGroup ioGroup;
    private final ThreadPoolExecutor offload;
    private final ChannelGroup connections = new DefaultChannelGroup("connections", GlobalEventExecutor.INSTANCE);
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Channel listener;

    private NettyServer(ServerOptions options, NettyOptions nettyOptions, TransportSelection transport,
                        ProtocolLimits limits, ClientBufferBudget clientBuffers, CommandPlugins plugins,
                        Consumer<TransportSelection> onBound) throws IOException {
        this.transport = transport;
        this.nettyOptions = nettyOptions;
        this.metrics = new ServerMetrics(MODEL, plugins.names());
        try {
            this.logging = ServerLogging.start(options.logging, metrics);
        } catch (IOException | RuntimeException e) {
            metrics.close();
            throw e;
        }
        this.info = new StandardInfo(MODEL, options.requestedBacklog(), metrics, clientBuffers);
        metrics.gaugeClientBuffers(clientBuffers);
        IoHandlerFactory ioHandlers = transport.transport().ioHandlerFactory();
        this.acceptGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("netty-accept"), ioHandlers);
        this.ioGroup = new MultiThreadIoEventLoopGroup(nettyOptions.ioThreads, new DefaultThreadFactory("netty-io"), ioHandlers);
        this.offload = nettyOptions.offloadThreads == 0 ? null : newOffloadPool(nettyOptions.offloadThreads);
        startAllThreads();

        LruStore store = new LruStore(limits.storeMaxEntries(), limits.storeMaxBytes());
        metrics.gaugeStore(store);
        CommandExecutor executor = new CommandExecutor(store, limits, this::infoFields, plugins);
        EventLoopWaits waits = new EventLoopWaits(nettyOptions.sleepBlocksLoop, offload);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptGroup, ioGroup)
                .channel(transport.transport().serverChannelClass())
                .option(ChannelOption.SO_BACKLOG, options.requestedBacklog())
                .option(ChannelOption.SO_REUSEADDR, true)
                .handler(new ConnectionGate(options.maxConnections, metrics, logging.accessLog(), connections))
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, BackPressure.WATER_MARK)
                // A client that half-closes (e.g. nc at end of input) still gets every reply it is owed.
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childHandler(new NettyServerInitializer(limits, clientBuffers, executor, metrics, logging.accessLog(),
                        waits, nettyOptions.idleTimeout, options.requestTimeout));
        if (nettyOptions.reusePort) {
            bootstrap.option(UnixChannelOption.SO_REUSEPORT, true);
        }
        if (options.maxConnections > 0) {
            // One accept per read, so the gate sees each connection before the next is accepted and
            // the limit holds exactly (NIO and epoll otherwise accept up to 16 at a time).
            bootstrap.option(ChannelOption.RCVBUF_ALLOCATOR, new ServerChannelRecvByteBufAllocator().maxMessagesPerRead(1));
        }
        ChannelFuture bound = bootstrap.bind(options.bind, options.port).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            shutDownThreads();
            logging.close();
            metrics.close();
            throw new IOException("cannot listen on " + options.bind + ":" + options.port + ": "
                    + bound.cause().getMessage(), bound.cause());
        }
        this.listener = bound.channel();
        onBound.accept(transport);
        logging.started(MODEL, localAddress(), info.effectiveBacklog());
    }

    /**
     * Starts a server that is bound and accepting when this returns.
     *
     * @throws IllegalArgumentException for an out-of-range option or an unavailable transport
     * @throws IOException              when the address cannot be bound, a plugin cannot load
     *                                  ({@link org.c10klab.protocol.plugin.PluginException}) or a log
     *                                  file cannot be written
     */
    public static NettyServer start(ServerOptions options, NettyOptions nettyOptions) throws IOException {
        return start(options, nettyOptions, transport -> { });
    }

    /**
     * As {@link #start(ServerOptions, NettyOptions)}; {@code onBound} hears the transport once the
     * server is bound and before its start event is logged, so the CLI's transport line comes first.
     */
    static NettyServer start(ServerOptions options, NettyOptions nettyOptions, Consumer<TransportSelection> onBound)
            throws IOException {
        nettyOptions.validate();
        if (options.maxConnections < 0) {
            throw new IllegalArgumentException("--max-connections: " + options.maxConnections + " (expected: >= 0)");
        }
        ProtocolLimits limits = options.limits();
        ClientBufferBudget clientBuffers = options.clientBufferBudget();
        CommandPlugins plugins = options.plugins(); // before any thread or port, so a bad plugin costs neither
        TransportSelection transport = TransportSelection.select(nettyOptions.transport);
        if (nettyOptions.reusePort && transport.transport() == NettyTransport.NIO) {
            throw new IllegalArgumentException("--reuse-port is not supported on the nio transport: SO_REUSEPORT "
                    + "needs epoll or io_uring (--transport epoll)");
        }
        return new NettyServer(options, nettyOptions, transport, limits, clientBuffers, plugins, onBound);
    }

    /** The transport this server runs on, and why better ones were skipped. */
    public TransportSelection transportSelection() {
        return transport;
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) listener.localAddress();
    }

    @Override
    public ServerMetrics metrics() {
        return metrics;
    }

    @Override
    public int effectiveBacklog() {
        return info.effectiveBacklog();
    }

    @Override
    public boolean isAccepting() {
        return !stopping.get() && listener.isActive();
    }

    @Override
    public void stop(Duration drainTimeout) {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        try {
            listener.close().awaitUninterruptibly();
            // Every accepted connection is in the group by now: the accept loop adds each before it closes the listener.
            ChannelGroupFuture allClosed = connections.newCloseFuture();
            tellEveryConnection(ConnectionEvent.DRAIN);
            if (!allClosed.await(drainTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
                log.warn("{} connection(s) still owed replies after the drain timeout of {}; answering "
                        + "'-ERR server shutting down' and closing them", connections.size(),
                        DurationConverter.format(drainTimeout));
                tellEveryConnection(ConnectionEvent.DRAIN_TIMED_OUT);
                allClosed.await(GIVE_UP_GRACE.toNanos(), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            connections.close().awaitUninterruptibly(SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            shutDownThreads();
            logging.close(); // last: every connection has logged its close by now
            stopped.countDown();
        }
    }

    /** Fires {@code event} down every open connection's pipeline, on its own event loop. */
    private void tellEveryConnection(ConnectionEvent event) {
        connections.forEach(connection -> connection.pipeline().fireUserEventTriggered(event));
    }

    @Override
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    private Map<String, Object> infoFields() {
        Map<String, Object> fields = info.fields();
        fields.put("transport", transport.transport().cliName());
        fields.put("io_threads", nettyOptions.ioThreads);
        fields.put("offload_threads", nettyOptions.offloadThreads);
        fields.put("sleep_blocks_loop", nettyOptions.sleepBlocksLoop ? "yes" : "no");
        return fields;
    }

    /**
     * Netty starts loop threads lazily; starting them all now fixes the thread count from the first
     * INFO on, so "threads at idle" already includes every thread this model will ever use.
     */
    private void startAllThreads() {
        for (EventLoopGroup group : new EventLoopGroup[] {acceptGroup, ioGroup}) {
            for (EventExecutor loop : group) {
                loop.submit(() -> { }).syncUninterruptibly();
            }
        }
        if (offload != null) {
            offload.prestartAllCoreThreads();
        }
    }

    /**
     * One shared queue, so a long WORK never delays another while an offload thread is idle. The queue
     * is unbounded but holds at most one WORK per connection: later requests wait in their handler.
     */
    private static ThreadPoolExecutor newOffloadPool(int threads) {
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                new DefaultThreadFactory("netty-offload"));
    }

    private void shutDownThreads() {
        EventLoopGroups.shutDown(Duration.ofSeconds(SHUTDOWN_TIMEOUT_SECONDS), acceptGroup, ioGroup);
        if (offload != null) {
            offload.shutdown();
            try {
                offload.awaitTermination(SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
