package org.c10klab.harness.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.c10klab.harness.result.ListenQueueDrops;
import org.c10klab.harness.result.TargetSample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What the harness reads of a target and of the kernel: /proc, Prometheus text, /proc/net/netstat. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SamplingTest {

    private static final String EXPOSITION = """
            # HELP server_connections_active connections open now
            # TYPE server_connections_active gauge
            server_connections_active{model="virtual"} 7.0
            jvm_threads_live_threads{model="virtual"} 12.0
            jvm_threads_live_threads{model="virtual",extra="x y"} 3.0
            server_threads_virtual{model="virtual"} 100
            server_commands_seconds_count{command="SLEEP",model="virtual"} 42
            """;

    @Test
    void readsThisJvmFromProc() throws IOException {
        TargetSample sample = new ProcessSampler(ProcessHandle.current().pid()).sample();

        assertThat(sample.threads()).isGreaterThan(1);
        assertThat(sample.rssBytes()).isGreaterThan(1024 * 1024);
        assertThat(sample.cpuSeconds()).isPositive();
        assertThat(sample.openFds()).isGreaterThan(2);
    }

    @Test
    void readsAProcessNameWithSpacesAndParentheses(@TempDir Path proc) throws IOException {
        Path process = Files.createDirectories(proc.resolve("42"));
        Files.createDirectories(process.resolve("fd"));
        Files.writeString(process.resolve("status"), "Name:\tjava\nThreads:\t230\nVmRSS:\t  2048 kB\n");
        // Fields after the name: state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime
        Files.writeString(process.resolve("stat"), "42 (a (weird) name) S 1 42 42 0 -1 0 0 0 0 0 250 50 0 0\n");

        TargetSample sample = new ProcessSampler(42, proc).sample();

        assertThat(sample.threads()).isEqualTo(230);
        assertThat(sample.rssBytes()).isEqualTo(2048 * 1024);
        assertThat(sample.cpuSeconds()).isEqualTo(3.0);
        assertThat(sample.openFds()).isZero();
    }

    @Test
    void sumsPrometheusSamplesOverLabels() {
        assertThat(PrometheusText.sums(EXPOSITION))
                .containsEntry("server_connections_active", 7.0)
                .containsEntry("jvm_threads_live_threads", 15.0)
                .containsEntry("server_threads_virtual", 100.0)
                .containsEntry("server_commands_seconds_count", 42.0);
    }

    @Test
    void scrapesATargetsMetricsEndpoint() throws IOException {
        HttpServer http = metricsServer(() -> { });
        try {
            TargetSample sample = new MetricsScraper(url(http), Duration.ofSeconds(2)).sample();

            assertThat(sample.connections()).isEqualTo(7.0);
            assertThat(sample.platformThreads()).isEqualTo(15.0);
            assertThat(sample.virtualThreads()).isEqualTo(100.0);
            assertThat(sample.threads()).isNull();
        } finally {
            http.stop(0);
        }
    }

    @Test
    void aSlowTargetDelaysItsOwnNumbersNotTheSampler() throws Exception {
        // Every scrape after the first hangs until the test lets it go: a target too busy to answer.
        AtomicInteger scrapes = new AtomicInteger();
        CountDownLatch answer = new CountDownLatch(1);
        HttpServer http = metricsServer(() -> {
            if (scrapes.incrementAndGet() > 1) {
                answer.await();
            }
        });
        try {
            // A scrape may take a minute: a sampler that waited for the hanging one would miss the bound below.
            MetricsScraper scraper = new MetricsScraper(url(http), Duration.ofMinutes(1));
            assertThat(scraper.sample().connections()).as("the first sample waits").isEqualTo(7.0);
            await().atMost(Duration.ofSeconds(10)).until(() -> scrapes.get() == 2);

            TargetSample later = assertTimeoutPreemptively(Duration.ofSeconds(10), scraper::sample,
                    "a sample waited for the hanging scrape");
            assertThat(later.connections()).as("later ones return the newest finished").isEqualTo(7.0);
        } finally {
            answer.countDown();
            http.stop(0);
        }
    }

    @Test
    void readsWholeSysctlLines() throws IOException {
        // A /proc/sys file reports size 0; a reader that trusts the size gets its first byte only.
        Path setting = Path.of("/proc/sys/net/core/somaxconn");
        assumeTrue(Files.isReadable(setting), "net.core.somaxconn is not readable at " + setting);
        long somaxconn = Long.parseLong(Files.readAllLines(setting).getFirst().trim());
        assumeTrue(somaxconn >= 10, "net.core.somaxconn is " + somaxconn + ": one digit cannot show a cut line");

        assertThat(EnvironmentProbe.probe().somaxconn()).isEqualTo(somaxconn);
        assertThat(EnvironmentProbe.probe().ipLocalPortRange()).matches("\\d+ \\d+");
    }

    @Test
    void aDeadTargetIsAnErrorNotACrash() {
        // The first scrape is awaited up to its timeout: long enough for the refusal to arrive on a loaded machine.
        TargetProbe probe = new TargetProbe(new ProcessSampler(Long.MAX_VALUE),
                new MetricsScraper("http://127.0.0.1:1/metrics", Duration.ofSeconds(10)));

        assertThat(probe.sample()).isEqualTo(TargetSample.NONE);
        assertThat(probe.errors()).hasSize(2);
    }

    @Test
    void readsTheListenQueueCounters() {
        List<String> netstat = List.of(
                "TcpExt: SyncookiesSent SyncookiesRecv ListenOverflows ListenDrops TCPHPHits",
                "TcpExt: 0 0 17 19 1234",
                "IpExt: InNoRoutes",
                "IpExt: 0");

        assertThat(ListenQueueCounters.parse(netstat)).contains(new ListenQueueDrops(17, 19));
        assertThat(ListenQueueCounters.read()).as("this kernel's own counters").isPresent();
    }

    /** A loopback /metrics endpoint that serves {@link #EXPOSITION} once {@code beforeAnswer} returns. */
    private static HttpServer metricsServer(Stall beforeAnswer) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        http.createContext("/metrics", exchange -> {
            try {
                beforeAnswer.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            byte[] body = EXPOSITION.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.start();
        return http;
    }

    private static String url(HttpServer http) {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/metrics";
    }

    /** What a test endpoint does before it answers. */
    @FunctionalInterface
    private interface Stall {
        void run() throws InterruptedException;
    }
}
