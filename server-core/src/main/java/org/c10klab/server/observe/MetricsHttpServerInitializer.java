package org.c10klab.server.observe;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/** The pipeline of one metrics-endpoint connection, and the limits that keep a client from holding it. */
final class MetricsHttpServerInitializer extends ChannelInitializer<SocketChannel> {

    /** {@code GET /metrics HTTP/1.1} with any query a scraper adds fits many times over; longer is no scrape (414). */
    static final int MAX_INITIAL_LINE_BYTES = 1024;
    /** Prometheus and curl send a few hundred bytes of headers; 8 KiB leaves a browser room for its cookies (431 beyond). */
    static final int MAX_HEADER_BYTES = 8 * 1024;
    /** GET and HEAD carry no body; a small one is tolerated, a large one refused (413) rather than buffered. */
    static final int MAX_CONTENT_BYTES = 1024;
    /**
     * From connecting, or from the last response, to a complete request: a scraper sends its request
     * in one packet, so five seconds is ample on a loaded machine and frees a stalled, trickling or
     * idle connection soon.
     */
    static final Duration REQUEST_DEADLINE = Duration.ofSeconds(5);

    private final Map<String, Supplier<TextPage>> routes;

    /** @param routes each exact path and how to compute its page */
    MetricsHttpServerInitializer(Map<String, Supplier<TextPage>> routes) {
        this.routes = routes;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        channel.pipeline()
                .addLast(new HttpServerCodec(new HttpDecoderConfig()
                        .setMaxInitialLineLength(MAX_INITIAL_LINE_BYTES)
                        .setMaxHeaderSize(MAX_HEADER_BYTES)))
                .addLast(new HttpObjectAggregator(MAX_CONTENT_BYTES))
                .addLast(new RequestDeadlineHandler(REQUEST_DEADLINE))
                .addLast(new MetricsHttpServerHandler(routes));
    }
}
