package org.c10klab.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.PrintWriter;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.c10klab.harness.FloodTestUtil;
import org.c10klab.harness.ScriptedServer;
import org.c10klab.harness.report.ResultJson;
import org.c10klab.harness.result.FloodResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code c10k flood} as a user runs it: the table, --assert exit codes, usage errors, --out, --metrics-port. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FloodCommandTest {

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
                    .contains("flood " + server.target() + ": 10 connections at once, 5 request(s) each, PING")
                    .containsPattern("ok\\s+10\\s+50")
                    .contains("latency ms", "connect", "request", "p99.9")
                    .contains("PASS errors=0 (actual 0)", "PASS p99<5s", "PASS connect_timeout=0");
        }
    }

    @Test
    void exitsOneWhenAnAssertFails() throws IOException {
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.reply("-ERR nope\r\n"))) {
            int exit = flood("--target", server.target(), "-c", "2", "--assert", "errors<1%", "--assert", "p99<1h");

            assertThat(exit).isEqualTo(FloodCommand.EXIT_ASSERT_FAILED);
            assertThat(out.toString()).contains("FAIL errors<1% (actual 50.000% (2 of 4))", "PASS p99<1h")
                    .contains("error_reply: the server answered, with an error: 'ERR nope' x 2");
        }
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
                    .contains("harness_outcomes_total{outcome=\"ok\",phase=\"request\"}"));
            assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
        }
    }

    /** Runs {@code c10k flood ARGS --quiet}, and checks the books of every run that wrote results. */
    private int flood(String... args) {
        CommandLine command = new CommandLine(new FloodCommand());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        List<String> arguments = new ArrayList<>(List.of(args));
        arguments.add("--quiet");
        Path written = results.resolve("run-" + runs.incrementAndGet());
        if (!arguments.contains("--out")) {
            arguments.addAll(List.of("--out", written.toString()));
        }
        int exit = command.execute(arguments.toArray(String[]::new));
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
