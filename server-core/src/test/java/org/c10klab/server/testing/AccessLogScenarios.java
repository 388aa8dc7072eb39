package org.c10klab.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.c10klab.server.LabServer;
import org.c10klab.server.observe.MeterNames;

/** The access-log checks every model must pass, run against a server that a model's test started. */
public final class AccessLogScenarios {

    private AccessLogScenarios() {
    }

    /**
     * 10 connections of 100 PINGs each leave one line per open, close and request in {@code accessLog},
     * and nothing is dropped. Stops {@code server}, which flushes the log.
     */
    public static void aFloodLeavesALineForEveryConnectionAndEveryRequest(LabServer server, Path accessLog)
            throws Exception {
        List<InetSocketAddress> clients = PingFlood.run(server.localAddress(), 10, 100);
        server.stop(Duration.ofSeconds(2));
        long dropped = server.metrics().logDrops(MeterNames.LOG_ACCESS);

        AccessLogLines lines = AccessLogLines.read(accessLog);
        assertThat(dropped).isZero();
        assertThat(lines.events("open")).extracting(line -> line.get("remote"))
                .containsExactlyInAnyOrderElementsOf(clients.stream().map(c -> "127.0.0.1:" + c.getPort()).toList());
        assertThat(lines.events("close")).hasSize(10).allSatisfy(line -> assertThat(line).containsEntry("requests", "100"));
        assertThat(lines.events("request")).hasSize(1000).allSatisfy(line -> assertThat(line)
                .containsEntry("command", "PING").containsEntry("reply", "ok").containsKey("latency_us"));
        assertThat(lines.size()).isEqualTo(10 + 10 + 1000);
    }

    /**
     * With per-request lines going to {@code fifo}, which nobody reads, a flood is still answered
     * promptly; the lines that did not fit are counted, and received plus dropped adds up to every
     * event. Stops {@code server}.
     */
    public static void aStalledAccessLogCostsDroppedLinesNotLatency(LabServer server, StalledFifo fifo)
            throws Exception {
        int connections = 4;
        int pings = 500;
        long startNanos = System.nanoTime();
        PingFlood.run(server.localAddress(), connections, pings);
        // A logger that waited for its file would never get here: nobody reads the pipe.
        assertThat(Duration.ofNanos(System.nanoTime() - startNanos)).isLessThan(Duration.ofSeconds(10));
        assertThat(server.metrics().logDrops(MeterNames.LOG_ACCESS)).isPositive();

        CompletableFuture<List<String>> received = fifo.drain();
        server.stop(Duration.ofSeconds(2));
        List<String> lines = received.get(10, TimeUnit.SECONDS);
        long dropped = server.metrics().logDrops(MeterNames.LOG_ACCESS);

        assertThat(lines.size() + dropped).as("%d lines received + %d dropped", lines.size(), dropped)
                .isEqualTo(connections + connections * pings + connections);
    }
}
