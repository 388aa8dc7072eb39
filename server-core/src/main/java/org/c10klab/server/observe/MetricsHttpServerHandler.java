package org.c10klab.server.observe;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers each request of one metrics-endpoint connection: GET or HEAD of a known path gets its
 * page, anything else the 4xx that says why.
 */
final class MetricsHttpServerHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(MetricsHttpServerHandler.class);
    private static final String ALLOWED_METHODS = "GET, HEAD";
    private static final TextPage NOT_FOUND = TextPage.refusal(HttpResponseStatus.NOT_FOUND);
    private static final TextPage METHOD_NOT_ALLOWED = TextPage.refusal(HttpResponseStatus.METHOD_NOT_ALLOWED);

    private final Map<String, Supplier<TextPage>> routes;

    /** @param routes each exact path and how to compute its page */
    MetricsHttpServerHandler(Map<String, Supplier<TextPage>> routes) {
        this.routes = routes;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            // The decoder has given up on this connection's bytes: say why, then close.
            respond(ctx, request.protocolVersion(), malformed(request.decoderResult().cause()), false, false);
            return;
        }
        HttpMethod method = request.method();
        boolean head = HttpMethod.HEAD.equals(method);
        // Computed here on the event loop, not handed to another thread: a page is in-memory text (a
        // scrape formats some hundred meters without I/O, 0.4 to 1.6 ms measured on a busy 2-core
        // machine), so another client waits at most that long, and a pool for it would add threads
        // to the counts the lab measures. A slow client's bytes, which must never hold the loop,
        // never reach this handler: the codec gathers them without blocking.
        TextPage page = head || HttpMethod.GET.equals(method) ? route(request.uri()) : METHOD_NOT_ALLOWED;
        respond(ctx, request.protocolVersion(), page, head, HttpUtil.isKeepAlive(request));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A reset by the client is routine; anything else (a page supplier that threw) is worth a line.
        if (!(cause instanceof IOException)) {
            log.warn("metrics endpoint: closing a connection after {}", cause.toString());
        }
        ctx.close();
    }

    /** The page at the URI's exact path; the query string plays no part. */
    private TextPage route(String uri) {
        Supplier<TextPage> page = routes.get(new QueryStringDecoder(uri).path());
        return page == null ? NOT_FOUND : page.get();
    }

    private static TextPage malformed(Throwable cause) {
        if (cause instanceof TooLongHttpHeaderException) {
            return TextPage.refusal(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE);
        }
        if (cause instanceof TooLongHttpLineException) {
            return TextPage.refusal(HttpResponseStatus.REQUEST_URI_TOO_LONG);
        }
        return TextPage.refusal(HttpResponseStatus.BAD_REQUEST);
    }

    private static void respond(ChannelHandlerContext ctx, HttpVersion version, TextPage page, boolean head,
                                boolean keepAlive) {
        byte[] body = page.body().getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(version, page.status(),
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, page.contentType())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length); // for HEAD too: what a GET would get
        if (page.status().equals(HttpResponseStatus.METHOD_NOT_ALLOWED)) {
            response.headers().set(HttpHeaderNames.ALLOW, ALLOWED_METHODS);
        }
        HttpUtil.setKeepAlive(response, keepAlive);
        ChannelFuture written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }
}
