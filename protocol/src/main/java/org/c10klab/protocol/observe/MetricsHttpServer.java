package org.c10klab.protocol.observe;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * Serves {@code /metrics} (Prometheus text) and {@code /health} (200 once the server accepts, 503
 * before and while draining) on its own port, from the JDK's built-in HTTP server and one thread.
 */
public final class MetricsHttpServer implements AutoCloseable {

    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer http;

    /**
     * @param bindAddress where to listen
     * @param port        0 for an ephemeral port
     * @param metrics     what {@code /metrics} scrapes
     * @param healthy     what {@code /health} reports
     */
    public MetricsHttpServer(String bindAddress, int port, ServerMetrics metrics, BooleanSupplier healthy)
            throws IOException {
        http = HttpServer.create(new InetSocketAddress(bindAddress, port), 16);
        http.createContext("/metrics", exchange -> respond(exchange, 200, PROMETHEUS_TEXT, metrics.scrape()));
        http.createContext("/health", exchange -> {
            boolean up = healthy.getAsBoolean();
            respond(exchange, up ? 200 : 503, "text/plain", up ? "UP\n" : "DOWN\n");
        });
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
