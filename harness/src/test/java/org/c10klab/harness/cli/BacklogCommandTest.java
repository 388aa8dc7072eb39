package org.c10klab.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.c10klab.harness.experiment.BacklogCell;
import org.c10klab.harness.experiment.BacklogResult;
import org.c10klab.harness.experiment.BacklogRun;
import org.c10klab.harness.experiment.ClientOutcomes;
import org.c10klab.harness.experiment.HandshakeEvidence;
import org.c10klab.harness.report.BacklogChart;
import org.c10klab.harness.report.BacklogCsv;
import org.c10klab.harness.report.ResultJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code c10k backlog} with one small cell tried twice against a real serial server, and its usage errors. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class BacklogCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void eachTrialOfABurstLargerThanTheQueueIsKeptWithTheKernelsEvidenceAndTheirSpreadReported(@TempDir Path dir)
            throws IOException {
        // Queue capacity 2 and one connection in service: of 5 clients, 2 cannot even connect within 1 s,
        // and nobody is answered before the first 2 s SLEEP ends.
        int exit = backlog("--backlog", "1", "--connections", "5", "--sleep", "2s", "--connect-timeout", "1s",
                "--response-timeout", "1s", "--repeat", "2", "--quiet", "--out", dir.toString());

        assertThat(exit).as(err.toString()).isZero();
        JsonNode json = ResultJson.mapper().readTree(dir.resolve("backlog.json").toFile());
        assertThat(json.path("repeat").asInt()).isEqualTo(2);
        assertThat(json.path("cells").get(0).path("runs")).as("one entry per trial").hasSize(2);
        BacklogResult result = ResultJson.mapper().treeToValue(json, BacklogResult.class);
        BacklogCell cell = result.cells().getFirst();
        assertThat(cell.runs()).extracting(BacklogRun::trial).containsExactly(1, 2);
        for (BacklogRun run : cell.runs()) {
            assertThat(run.effectiveBacklog()).isEqualTo(1);
            assertThat(run.queueCapacity()).isEqualTo(2);
            ClientOutcomes clients = run.clients();
            assertThat(clients.total()).as("every client counted once").isEqualTo(5);
            assertThat(clients.connectTimeout() + clients.connectedUnanswered()).isPositive();
            assertThat(clients.refused()).isZero();
            assertThat(run.connectedAtOnce()).isLessThan(5);
            if (run.listenQueue() != null) {
                // Host-wide, other programs can only add to it; this trial's own drops make it positive.
                assertThat(run.listenQueue().listenOverflows()).isPositive();
                assertThat(run.overflowRises()).isNotEmpty();
            }
            HandshakeEvidence evidence = run.handshakes();
            assertThat(evidence.samples()).as("socket table readings during the flood").isPositive();
            // The clients whose SYNs met the full queue wait in SYN-SENT for most of their 1 s.
            assertThat(evidence.clientsSynSentPeak()).isPositive();
            assertThat(evidence.atPeak().clientsEstablished()).isBetween(1, 5);
            assertThat(evidence.atPeak().acceptQueue()).as("the listener was seen").isNotNull();
            assertThat(run.flood().environment().somaxconn()).isNotNull();
        }
        assertThat(result.advice()).anyMatch(line -> line.startsWith("Burst of 5: "));

        assertThat(out.toString()).contains("# c10k backlog: serial server", "Each cell ran 2 trials",
                "## Outcomes over 2 trials per cell", "## Connected is not accepted: the kernel's evidence",
                "## SYN retransmits, measured", "## What backlog do you need?", "net.ipv4.tcp_abort_on_overflow",
                "burst 5, backlog 1, trial 2: ");
        // Each figure is one count when the trials agreed, else its range and median.
        String count = "\\d+( ?-\\d+ \\(median \\d+(\\.5)?\\))?";
        assertThat(out.toString()).containsPattern("- burst 5, backlog 1 \\(queue capacity 2\\): served " + count
                + ", connected " + count + ", never answered " + count + ", connect timeouts " + count);
        assertThat(Files.readAllLines(dir.resolve("backlog.csv"))).as("a header and one row per trial").hasSize(3)
                .first().isEqualTo(BacklogCsv.HEADER);
        assertThat(Files.readString(dir.resolve("backlog.md"))).startsWith("# c10k backlog")
                .contains("](" + BacklogChart.FILE_NAME + ")");
        assertThat(Files.readString(dir.resolve(BacklogChart.FILE_NAME))).startsWith("<svg")
                .contains("5 / b1", "5 / b1, trial 2, connect_timeout");
    }

    @Test
    void kernelSettingsChangeOnlyInsideANamespace() {
        assertThat(backlog("--tcp-abort-on-overflow", "1")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("only inside a private network namespace: add --netns");
    }

    @Test
    void anUnknownServerModelIsAUsageError() {
        assertThat(backlog("--server", "apache")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("unknown model 'apache'");
    }

    @Test
    void noTrialIsAUsageError() {
        assertThat(backlog("--repeat", "0")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("repeat: 0 (expected: >= 1)");
    }

    private int backlog(String... args) {
        return CliTestUtil.run(out, err, "backlog", args);
    }
}
