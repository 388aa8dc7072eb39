package org.c10klab.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.c10klab.harness.FloodTestUtil;
import org.c10klab.harness.ScriptedServer;
import org.c10klab.harness.report.ResultJson;
import org.c10klab.harness.result.FloodResult;
import org.c10klab.server.observe.MetricsHttpServer;
import org.c10klab.server.testing.MetricHelp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code c10k flood} as a user runs it: the table, --assert exit codes, usage errors, --out, --metrics-port,
 * --prometheus-sd.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FloodCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final AtomicInteger runs = new AtomicInteger();

    @TempDir
    Path results;

    @Test
    void printsTheTableAndExitsZeroWhenEveryAssertPasses() throws IOException {
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.pong())) {
            int exit = flood("--target", server.target(), "-c", "10", "-n", "5", "--assert", "errors=0",
                    "--assert", "p99<5s", "--assert", "connect_timeout=0");

            assertThat(exit).as(err.toString()).isZero();
            assertThat(out.toString())
                    .contains("flood " + server.target() + ": 10 connections at once, 5 requests each, PING")
                    .containsPattern("ok\\s+10\\s+50")
                    .contains("latency ms", "connect", "request", "p99.9")
                    .contains("PASS errors=0 (actual 0)", "PASS p99<5s", "PASS connect_timeout=0");
        }
    }

    @Test
    void exitsOneWhenAnAssertFails() throws IOException {
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.pong())) {
            // No loopback round trip takes under a microsecond.
            int exit = flood("--target", server.target(), "-c", "2", "--assert", "p99<1us", "--assert", "p99<1h");

            assertThat(exit).isEqualTo(ExitCode.ASSERT_FAILED);
            assertThat(out.toString()).contains("FAIL p99<1us", "PASS p99<1h");
            assertThat(err.toString()).isEmpty();
        }
    }

    @Test
    void exitsThreeWithOneLineWhenNoRequestSucceeded() throws IOException {
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.reply("-ERR nope\r\n"))) {
            int exit = flood("--target", server.target(), "-c", "2", "--assert", "errors<1%", "--assert", "p99<1h");

            assertThat(exit).isEqualTo(ExitCode.FAILED);
            assertThat(out.toString()).contains("FAIL errors<1% (actual 50.000% (2 of 4))", "PASS p99<1h")
                    .contains("error_reply: the server answered, with an error: 'ERR nope' x 2");
            assertThat(err.toString()).isEqualTo("c10k flood: no request succeeded: 2 of 2 requests error_reply "
                    + "('ERR nope')" + System.lineSeparator());
        }
    }

    @Test
    void exitsThreeWithOneLineWhenNoConnectionCouldBeMade() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        // Nothing listens on the port just closed: every connect is refused.
        int exit = flood("--target", "127.0.0.1:" + port, "-c", "20", "-n", "3");

        assertThat(exit).isEqualTo(ExitCode.FAILED);
        assertThat(err.toString()).isEqualTo("c10k flood: no connection could be made: 20 of 20 attempts refused"
                + System.lineSeparator());
    }

    @Test
    void refusesRemoteTargetsAsBadUsage() {
        int exit = flood("--target", "192.0.2.1:7379");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("refusing to flood 192.0.2.1:7379", "--allow-remote");
    }

    @Test
    void allowRemoteMustNameTheTarget() {
        int exit = flood("--target", "192.0.2.1:7379", "--allow-remote", "192.0.2.9");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--allow-remote 192.0.2.9 does not name the target 192.0.2.1:7379");
    }

    @Test
    void workersRefuseOptionsThatServeOneProcess() {
        assertThat(flood("--target", "127.0.0.1:1", "-c", "4", "--workers", "2", "--prometheus-sd",
                "targets.json")).isEqualTo(2);
        assertThat(flood("--target", "127.0.0.1:1", "-c", "4", "--workers", "2", "--metrics-port", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--prometheus-sd lists one process's meters: not with --workers",
                "--metrics-port serves one process's meters: not with --workers");
    }

    @Test
    void badUsageExitsTwo() {
        assertThat(flood()).as("no target").isEqualTo(2);
        assertThat(flood("--target", "127.0.0.1:1", "--assert", "p99 fast")).isEqualTo(2);
        assertThat(flood("--target", "127.0.0.1:1", "--protocol", "raw", "--pipeline", "2")).isEqualTo(2);
        assertThat(flood("--target", "127.0.0.1:1", "--ramp", "1s", "--connect-rate", "5")).isEqualTo(2);
        assertThat(flood("--target", "127.0.0.1:1", "--rate", "10", "--think", "5ms")).isEqualTo(2);
        assertThat(flood("--target", "127.0.0.1:1", "--protocol", "smtp")).isEqualTo(2);
        assertThat(flood("--target", "127.0.0.1:1", "--connect-timeout", "soon")).isEqualTo(2);
        assertThat(flood("--target", "127.0.0.1:1", "--target-metrics", "ftp://x/metrics")).isEqualTo(2);
        assertThat(err.toString()).contains("--protocol raw cannot pipeline", "give --ramp or --connect-rate, not both",
                "'smtp' is not a protocol", "not a duration", "is not an http URL");
    }

    @Test
    void aTargetSlowOnlyAtFirstIsWarnedAboutOnceWithTheWarmupOption() throws IOException {
        // The third request stalls 400 ms; every other is answered at once: a cold start.
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.stallOnce(3, 400))) {
            int exit = flood("--target", server.target(), "-c", "1", "-d", "3s", "--think", "20ms");

            assertThat(exit).as(err.toString()).isZero();
            assertThat(err.toString()).containsOnlyOnce("warning: the target looks cold: request p99 ")
                    .containsOnlyOnce("in the first second").containsOnlyOnce("--warmup-target 2s");
        }
    }

    @Test
    void warmupTargetSendsAnUnmeasuredWarmupToTheTargetFirst() throws IOException {
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.stallOnce(3, 400))) {
            int exit = flood("--target", server.target(), "-c", "1", "-d", "3s", "--think", "20ms",
                    "--warmup-target", "200");

            assertThat(exit).as(err.toString()).isZero();
            assertThat(err.toString()).doesNotContain("looks cold");
            FloodResult result = ResultJson.read(results.resolve("run-1").resolve("results.json"));
            // The warm-up ran first, so the stall (the third request) and 197 more PINGs went to it: the target saw
            // them, the result did not.
            assertThat(server.requests() - result.requests().total()).isEqualTo(200);
        }
        assertThat(flood("--target", "127.0.0.1:1", "--warmup-target", "soon")).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("--warmup-target soon: expected a request count such as 5000 or a "
                + "duration such as 2s");
    }

    @Test
    void writesResultFilesIntoOut(@TempDir Path dir) throws IOException {
        Path written = dir.resolve("run-1");
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.pong())) {
            int exit = flood("--target", server.target(), "-c", "3", "-n", "4", "--out", written.toString());

            assertThat(exit).isZero();
            assertThat(written)
                    .isDirectoryContaining("glob:**/results.json").isDirectoryContaining("glob:**/results.csv")
                    .isDirectoryContaining("glob:**/metrics.prom").isDirectoryContaining("glob:**/latency.hlog");
            FloodResult result = ResultJson.read(written.resolve("results.json"));
            assertThat(result.requests().total()).isEqualTo(12);
            assertThat(result.run().partial()).isFalse();
            assertThat(out.toString()).contains("results written to " + written.toAbsolutePath());
        }
    }

    @Test
    void servesLiveMetricsDuringTheRun() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest scrape = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build();
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.pong())) {
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> flood("--target", server.target(),
                    "-c", "4", "--duration", "4s", "--think", "10ms", "--metrics-port", Integer.toString(port)));

            // Until the flood has bound its metrics port, a scrape is refused: wait on that too.
            await().atMost(Duration.ofSeconds(10)).ignoreException(ConnectException.class).untilAsserted(() -> assertThat(
                    http.send(scrape, HttpResponse.BodyHandlers.ofString()).body())
                    .contains("harness_connections_open 4.0")
                    .contains("harness_kernel_listen_overflows_total")
                    .contains("harness_outcomes_total{outcome=\"ok\",phase=\"request\"}"));
            String metrics = http.send(scrape, HttpResponse.BodyHandlers.ofString()).body();
            assertThat(MetricHelp.familiesWithoutHelp(metrics)).isEmpty();
            // Buckets from 100 µs to the response timeout (10 s by default), the timeout an edge of its own.
            assertThat(metrics).contains("harness_request_seconds_bucket{le=\"1.0E-4\"}",
                    "harness_request_seconds_bucket{le=\"10.0\"}", "harness_connect_seconds_bucket{le=\"2.0\"}");
            // Only what can happen is published: no error reply to a connect, no refused request.
            assertThat(metrics).contains("harness_outcomes_total{outcome=\"refused\",phase=\"connect\"}",
                    "harness_outcomes_total{outcome=\"error_reply\",phase=\"request\"}")
                    .doesNotContain("harness_outcomes_total{outcome=\"error_reply\",phase=\"connect\"}",
                            "harness_outcomes_total{outcome=\"response_timeout\",phase=\"connect\"}",
                            "harness_outcomes_total{outcome=\"refused\",phase=\"request\"}");
            assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
        }
    }

    @Test
    void listsItsLiveMetricsAndTheTargetsForPrometheusWhileItRunsAndEmptiesTheListAtTheEnd() throws Exception {
        Path targets = results.resolve("targets.json");
        HttpClient http = HttpClient.newHttpClient();
        // The target's /metrics: an endpoint that answers, so the flood's sampler has something to read.
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.pong());
             MetricsHttpServer targetMetrics = new MetricsHttpServer("127.0.0.1", 0, () -> "", () -> true,
                     Map.of())) {
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> flood("--target", server.target(),
                    "-c", "2", "--duration", "3s", "--think", "10ms", "--prometheus-sd", targets.toString(),
                    "--target-metrics", "http://" + targetMetrics.address() + "/metrics"));

            // The file appears when the command starts; until it lists the endpoints, read on.
            await().atMost(Duration.ofSeconds(10)).ignoreExceptionsInstanceOf(IOException.class).untilAsserted(() -> {
                JsonNode groups = JSON.readTree(targets.toFile());
                assertThat(groups).hasSize(2);
                assertThat(groups.get(0).path("labels").path("job").asText()).isEqualTo("c10k-harness");
                String address = groups.get(0).path("targets").get(0).asText();
                HttpRequest scrape = HttpRequest.newBuilder(URI.create("http://" + address + "/metrics")).build();
                assertThat(http.send(scrape, HttpResponse.BodyHandlers.ofString()).body())
                        .contains("harness_connections_open 2.0");
                assertThat(groups.get(1).path("labels").path("job").asText()).isEqualTo("c10k-server");
                assertThat(groups.get(1).path("targets").get(0).asText()).isEqualTo(targetMetrics.address());
            });
            assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
            assertThat(JSON.readTree(targets.toFile())).isEmpty();
        }
    }

    /** Runs {@code c10k flood ARGS --quiet}, and checks the books of every run that wrote results. */
    private int flood(String... args) {
        List<String> arguments = new ArrayList<>(List.of(args));
        arguments.add("--quiet");
        Path written = results.resolve("run-" + runs.incrementAndGet());
        if (!arguments.contains("--out")) {
            arguments.addAll(List.of("--out", written.toString()));
        }
        int exit = CliTestUtil.run(out, err, "flood", arguments.toArray(String[]::new));
        if (Files.exists(written.resolve("results.json"))) {
            try {
                FloodTestUtil.assertAccounting(ResultJson.read(written.resolve("results.json")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return exit;
    }
}
