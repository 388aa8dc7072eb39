package org.c10klab.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.c10klab.harness.experiment.BacklogCell;
import org.c10klab.harness.experiment.BacklogResult;
import org.c10klab.harness.experiment.ClientOutcomes;
import org.c10klab.harness.report.BacklogChart;
import org.c10klab.harness.report.BacklogCsv;
import org.c10klab.harness.report.ResultJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code c10k backlog} with one small cell against a real serial server, and its usage errors. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BacklogCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void aBurstLargerThanTheQueueTimesOutOrHangsAndTheKernelCountsTheDrops(@TempDir Path dir) throws IOException {
        // Queue capacity 2 and one connection in service: of 5 clients, 2 cannot even connect within 1 s,
        // and nobody is answered before the first 2 s SLEEP ends.
        int exit = backlog("--backlog", "1", "--connections", "5", "--sleep", "2s", "--connect-timeout", "1s",
                "--response-timeout", "1s", "--quiet", "--out", dir.toString());

        assertThat(exit).as(err.toString()).isZero();
        BacklogResult result = ResultJson.mapper().readValue(dir.resolve("backlog.json").toFile(), BacklogResult.class);
        BacklogCell cell = result.cells().getFirst();
        assertThat(cell.effectiveBacklog()).isEqualTo(1);
        assertThat(cell.queueCapacity()).isEqualTo(2);
        ClientOutcomes clients = cell.clients();
        assertThat(clients.total()).as("every client counted once").isEqualTo(5);
        assertThat(clients.connectTimeout() + clients.connectedUnanswered()).isPositive();
        assertThat(clients.refused()).isZero();
        assertThat(cell.connectedAtOnce()).isLessThan(5);
        if (cell.listenQueue() != null) {
            // Host-wide, other programs can only add to it; this cell's own drops make it positive.
            assertThat(cell.listenQueue().listenOverflows()).isPositive();
            assertThat(cell.overflowRises()).isNotEmpty();
        }
        assertThat(cell.flood().environment().somaxconn()).isNotNull();
        assertThat(result.advice()).anyMatch(line -> line.startsWith("Burst of 5: "));

        assertThat(out.toString()).contains("# c10k backlog: serial server", "| 5     |       1 |",
                "## SYN retransmits, measured", "## What backlog do you need?", "net.ipv4.tcp_abort_on_overflow");
        assertThat(Files.readAllLines(dir.resolve("backlog.csv"))).hasSize(2).first().isEqualTo(BacklogCsv.HEADER);
        assertThat(Files.readString(dir.resolve("backlog.md"))).startsWith("# c10k backlog")
                .contains("](" + BacklogChart.FILE_NAME + ")");
        assertThat(Files.readString(dir.resolve(BacklogChart.FILE_NAME))).startsWith("<svg").contains("5 / b1");
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

    private int backlog(String... args) {
        return CliTestUtil.run(out, err, "backlog", args);
    }
}
