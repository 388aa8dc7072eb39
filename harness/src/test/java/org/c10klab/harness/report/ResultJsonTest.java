package org.c10klab.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.c10klab.harness.FloodTestUtil;
import org.c10klab.harness.ScriptedServer;
import org.c10klab.harness.result.CommandResult;
import org.c10klab.harness.result.FloodResult;
import org.c10klab.harness.result.LatencySummary;
import org.c10klab.harness.run.RunArtifacts;
import org.c10klab.harness.run.SamplingOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The files of --out DIR: written from a real run, and results.json read back into the same records. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ResultJsonTest {

    @Test
    void everyFormatIsWrittenAndTheJsonReadsBack(@TempDir Path out) throws IOException {
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.pong())) {
            RunArtifacts artifacts = FloodTestUtil.floodArtifacts(
                    new SamplingOptions(ProcessHandle.current().pid(), null, Duration.ofMillis(50)),
                    "--target", server.target(), "-c", "5", "-n", "20", "--duration", "300ms");

            ResultFormat.writeAll(artifacts, out);

            FloodResult read = ResultJson.read(out.resolve("results.json"));
            assertThat(read).isEqualTo(artifacts.result());
            String json = Files.readString(out.resolve("results.json"));
            assertThat(json).contains("\"connect_timeout\" : \"2s\"", "\"p999_ms\"", "\"tcp_abort_on_overflow\"",
                    "\"open_file_limit\"", "\"protocol\" : \"resp\"", "\"timeline\"", "\"requests_sent\" : 100",
                    "\"syn_retransmits\"", "\"harness_lag\"", "\"connect_start\"", "\"gc_pauses\"");

            assertThat(Files.readAllLines(out.resolve("results.csv")))
                    .first().isEqualTo(TimelineCsvWriter.HEADER);
            assertThat(Files.readAllLines(out.resolve("results.csv")))
                    .hasSize(artifacts.result().timeline().size() + 1)
                    .last().asString().matches("[0-9.]+,0,5,0,100,0,.*");
            assertThat(Files.readString(out.resolve("metrics.prom")))
                    .contains("harness_outcomes_total{outcome=\"ok\",phase=\"request\"} 100.0")
                    .contains("harness_request_seconds_bucket")
                    .contains("harness_connections_open 0.0");
            assertThat(Files.readString(out.resolve("latency.hlog")))
                    .contains("#[StartTime: ")
                    .contains("Tag=request,")
                    .contains("Tag=connect,");
        }
    }

    @Test
    void aMixIsReportedPerCommandBesideTheTotals(@TempDir Path out) throws IOException {
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.pong())) {
            RunArtifacts artifacts = FloodTestUtil.floodArtifacts(
                    new SamplingOptions(null, null, Duration.ofMillis(50)), "--target", server.target(), "-c", "4",
                    "-n", "20", "--command", "GET __key__:weight=3", "--command", "SET __key__ __value__",
                    "--keyspace", "10", "--key-distribution", "zipf:1.2", "--value-size", "4-8");

            ResultFormat.writeAll(artifacts, out);

            FloodResult read = ResultJson.read(out.resolve("results.json"));
            assertThat(read).as("keys, values and per-command results read back").isEqualTo(artifacts.result());
            assertThat(read.commands()).extracting(CommandResult::command)
                    .containsExactly("GET __key__", "SET __key__ __value__");
            assertThat(read.commands()).extracting(command -> command.latency().count()).containsExactly(60L, 20L);
            assertThat(Files.readString(out.resolve("results.json")))
                    .contains("\"key_distribution\" : \"zipf:1.2\"", "\"value_size\" : \"4-8\"");
            assertThat(Files.readAllLines(out.resolve("commands.csv"))).containsExactly(CommandsCsvWriter.HEADER,
                    line("GET __key__,3,60,60", read.commands().get(0).latency()),
                    line("SET __key__ __value__,1,20,20", read.commands().get(1).latency()),
                    line("(all),,80,80", read.requestLatency()));
            StringWriter console = new StringWriter();
            ConsoleReport.print(read, new PrintWriter(console));
            assertThat(console.toString()).contains("per command:", "  GET __key__ x3       60",
                    "  SET __key__ __value__\n" + " ".repeat(16) + "       20");
        }
    }

    /** A commands.csv row: its first cells, ten failure outcomes and the nil replies all 0, then the latency. */
    private static String line(String first, LatencySummary latency) {
        return first + ",0".repeat(11) + "," + Csv.row(List.of(latency.p50Ms(), latency.p90Ms(), latency.p99Ms(),
                latency.p999Ms(), latency.maxMs()));
    }
}
