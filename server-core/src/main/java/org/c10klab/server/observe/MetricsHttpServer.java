package org.c10klab.server.observe;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.c10klab.server.transport.EventLoopGroups;

/**
 * Serves {@code /metrics} (Prometheus text), {@code /health} (200 once the server accepts, 503
 * before and while draining) and any extra plain-text routes on their own port, from one Netty
 * event loop (thread {@code metrics-http-*}) that no slow or stalled client can hold up.
 */
public final class MetricsHttpServer implements AutoCloseable {

    /** A scraper or two and a person with curl; a burst beyond waits briefly in the kernel. */
    private static final int BACKLOG = 16;
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(2);
    private static final TextPage UP = new TextPage(HttpResponseStatus.OK, "text/plain", "UP\n");
    private static final TextPage DOWN = new TextPage(HttpResponseStatus.SERVICE_UNAVAILABLE, "text/plain", "DOWN\n");

    private final EventLoopGroup loop;
    private final Channel listener;

    /**
     * Starts serving; bound when this returns.
     *
     * @param bindAddress where to listen
     * @param port        0 for an ephemeral port
     * @param scrape      what {@code /metrics} answers, e.g. a registry's Prometheus text
     * @param healthy     what {@code /health} reports
     * @param textRoutes  more paths, e.g. {@code /status}, each answered 200 with its supplier's text
     * @throws IOException              when the address cannot be bound
     * @throws IllegalArgumentException when a text route takes {@code /metrics} or {@code /health}
     */
    public MetricsHttpServer(String bindAddress, int port, Supplier<String> scrape, BooleanSupplier healthy,
                             Map<String, Supplier<String>> textRoutes) throws IOException {
        Map<String, Supplier<TextPage>> routes = routes(scrape, healthy, textRoutes);
        // NIO whatever the server's transport: a few requests a minute gain nothing from epoll or
        // io_uring. A daemon thread, so the endpoint never keeps a finished process alive.
        this.loop = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("metrics-http", true),
                NioIoHandler.newFactory());
        ChannelFuture bound = new ServerBootstrap()
                .group(loop)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, BACKLOG)
                .option(ChannelOption.SO_REUSEADDR, true)
                // Heap buffers the GC frees: a few requests a minute need no pool, and Netty's pooled
                // direct memory (768 KiB after a few scrapes, measured) would add to the RSS the lab
                // compares, in blocking models that otherwise use no Netty at all.
                .childOption(ChannelOption.ALLOCATOR, new UnpooledByteBufAllocator(false))
                .childHandler(new MetricsHttpServerInitializer(routes))
                .bind(bindAddress, port)
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            EventLoopGroups.shutDown(SHUTDOWN_TIMEOUT, loop);
            throw new IOException(bound.cause().getMessage(), bound.cause());
        }
        this.listener = bound.channel();
    }

    /** The address actually bound, e.g. {@code 127.0.0.1:9464}. */
    public String address() {
        InetSocketAddress address = (InetSocketAddress) listener.localAddress();
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    /** Closes the port and every connection, and ends the event loop's thread. */
    @Override
    public void close() {
        EventLoopGroups.shutDown(SHUTDOWN_TIMEOUT, loop);
    }

    private static Map<String, Supplier<TextPage>> routes(Supplier<String> scrape, BooleanSupplier healthy,
                                                          Map<String, Supplier<String>> textRoutes) {
        Map<String, Supplier<TextPage>> routes = new HashMap<>();
        routes.put("/metrics", () -> new TextPage(HttpResponseStatus.OK, TextPage.PROMETHEUS_TEXT, scrape.get()));
        routes.put("/health", () -> healthy.getAsBoolean() ? UP : DOWN);
        textRoutes.forEach((path, text) -> {
            Supplier<TextPage> page = () -> new TextPage(HttpResponseStatus.OK, TextPage.PLAIN_TEXT, text.get());
            if (routes.putIfAbsent(path, page) != null) {
                throw new IllegalArgumentException("route " + path + " is served already");
            }
        });
        return Map.copyOf(routes);
    }
}
