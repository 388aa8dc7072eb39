package org.c10klab.harness.record;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.c10klab.harness.result.TargetSample;

/**
 * Scrapes a target's Prometheus {@code /metrics} for what the harness compares across models:
 * connections open, platform threads, virtual threads. Scrapes run in the background, one at a time;
 * a sample is the newest finished scrape, so a target slow to answer delays its own numbers, never
 * the sampler's /proc readings and timeline.
 */
public final class MetricsScraper {

    /** The target's connections gauge, as the lab's servers name it in Prometheus. */
    static final String CONNECTIONS = "server_connections_active";
    /** Live platform threads, from Micrometer's JVM thread binder. */
    static final String PLATFORM_THREADS = "jvm_threads_live_threads";
    /** Virtual threads alive, published by the virtual model. */
    static final String VIRTUAL_THREADS = "server_threads_virtual";

    private final URI url;
    private final HttpClient http;
    private final Duration timeout;
    private CompletableFuture<HttpResponse<String>> scrape;
    private TargetSample latest = TargetSample.NONE;

    /** @param timeout how long one scrape may take; a loaded target may answer slowly */
    public MetricsScraper(String url, Duration timeout) {
        this.url = URI.create(url);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** The URL scraped. */
    public String url() {
        return url.toString();
    }

    /**
     * The newest finished scrape; the first call waits for one, later calls never wait.
     *
     * @throws IOException when the scrape that just finished failed (the previous sample still stands)
     */
    public synchronized TargetSample sample() throws IOException {
        if (scrape == null) {
            scrape = start();
            awaitFirst();
        }
        if (!scrape.isDone()) {
            return latest;
        }
        CompletableFuture<HttpResponse<String>> finished = scrape;
        scrape = start();
        latest = parse(finished);
        return latest;
    }

    // The first sample is taken before the flood starts, so waiting for it costs the run nothing.
    private void awaitFirst() throws IOException {
        try {
            scrape.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // parse() reports a failed scrape; a slow one is simply not finished yet.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while scraping " + url, e);
        }
    }

    private CompletableFuture<HttpResponse<String>> start() {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private TargetSample parse(CompletableFuture<HttpResponse<String>> finished) throws IOException {
        HttpResponse<String> response;
        try {
            response = finished.getNow(null);
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IOException(cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
        }
        if (response == null || response.statusCode() != 200) {
            throw new IOException(url + " answered " + (response == null ? "nothing" : response.statusCode()));
        }
        Map<String, Double> sums = PrometheusText.sums(response.body());
        return new TargetSample(null, null, null, null, sums.get(CONNECTIONS), sums.get(PLATFORM_THREADS),
                sums.get(VIRTUAL_THREADS));
    }
}
