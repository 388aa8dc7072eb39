package org.c10klab.server.observe;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Serves {@code /metrics} (Prometheus text), {@code /health} (200 once the server accepts, 503
 * before and while draining) and any extra plain-text routes on their own port, from the JDK's
 * built-in HTTP server and one thread.
 */
public final class MetricsHttpServer implements AutoCloseable {

    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String PLAIN_TEXT = "text/plain; charset=utf-8";

    private final HttpServer http;

    /**
     * @param bindAddress where to listen
     * @param port        0 for an ephemeral port
     * @param scrape      what {@code /metrics} answers, e.g. a registry's Prometheus text
     * @param healthy     what {@code /health} reports
     * @param textRoutes  more paths, e.g. {@code /status}, each answered 200 with its supplier's text
     */
    public MetricsHttpServer(String bindAddress, int port, Supplier<String> scrape, BooleanSupplier healthy,
                             Map<String, Supplier<String>> textRoutes) throws IOException {
        http = HttpServer.create(new InetSocketAddress(bindAddress, port), 16);
        http.createContext("/metrics", exchange -> respond(exchange, 200, PROMETHEUS_TEXT, scrape.get()));
        http.createContext("/health", exchange -> {
            boolean up = healthy.getAsBoolean();
            respond(exchange, up ? 200 : 503, "text/plain", up ? "UP\n" : "DOWN\n");
        });
        textRoutes.forEach((path, text) ->
                http.createContext(path, exchange -> respond(exchange, 200, PLAIN_TEXT, text.get())));
        http.start();
    }

    /** The address actually bound, e.g. {@code 127.0.0.1:9464}. */
    public String address() {
        InetSocketAddress address = http.getAddress();
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    @Override
    public void close() {
        http.stop(0);
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
