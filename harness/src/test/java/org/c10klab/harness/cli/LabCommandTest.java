package org.c10klab.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.c10klab.harness.experiment.ClientOutcomes;
import org.c10klab.harness.experiment.LabCell;
import org.c10klab.harness.experiment.LabModel;
import org.c10klab.harness.experiment.LabResult;
import org.c10klab.harness.experiment.LabRun;
import org.c10klab.harness.report.LabCsv;
import org.c10klab.harness.report.ResultJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code c10k lab --quick} against real servers in child JVMs, each run tried twice: the serial server with
 * backlog 1 fails nervous clients in the kernel's ways, the event loop serves them all.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class LabCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void stageTwoFailsClientsOfTheSerialServerAndNettyServesThemAll(@TempDir Path dir) throws IOException {
        int exit = lab("--quick", "--stages", "2,4", "--repeat", "2", "--quiet", "--out", dir.toString());

        assertThat(exit).as(err.toString()).isZero();
        LabResult result = ResultJson.mapper().readValue(dir.resolve("lab.json").toFile(), LabResult.class);
        assertThat(result.repeat()).isEqualTo(2);
        LabCell serial = result.stage(2).getFirst();
        assertThat(serial.model()).isEqualTo(LabModel.SERIAL);
        assertThat(serial.runs()).extracting(LabRun::trial).containsExactly(1, 2);
        for (LabRun run : serial.runs()) {
            assertThat(run.effectiveBacklog()).isEqualTo(1);
            ClientOutcomes clients = run.outcomes();
            assertThat(clients.ok()).as("served of " + run.clients()).isLessThan(run.clients());
            assertThat(clients.connectTimeout() + clients.connectedUnanswered())
                    .as("connect timeouts plus connected-but-unanswered").isPositive();
            assertThat(clients.refused()).as("a full backlog drops, it never refuses").isZero();
            assertThat(run.handshakes().samples()).as("socket table readings during the flood").isPositive();
        }

        LabCell netty = result.stage(4).getFirst();
        assertThat(netty.model()).isEqualTo(LabModel.NETTY);
        for (LabRun run : netty.runs()) {
            assertThat(run.outcomes()).as("every client answered, none failed")
                    .isEqualTo(new ClientOutcomes(run.clients(), 0, 0, 0, 0, 0));
        }

        assertThat(out.toString())
                .contains("## 1. Backlog and refused connections", "### Stage 2: a serial server with backlog 1",
                        "Over 2 trials: served ", "Why, in kernel terms:",
                        "## 2. Resource cost of threads vs the event loop", "Stage 4, event loop: 10 of 10 served",
                        "## 3. The 200-connection challenge")
                .doesNotContain("### Stage 1");
        assertThat(Files.readString(dir.resolve("lab.md"))).isEqualTo(out.toString().substring(0,
                out.toString().indexOf("lab.md, lab.json and lab.csv written")));
        assertThat(Files.readAllLines(dir.resolve("lab.csv"))).as("a header and one row per trial").hasSize(5)
                .first().isEqualTo(LabCsv.HEADER);
    }

    @Test
    void anUnknownStageIsAUsageError() {
        assertThat(lab("--stages", "6")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("stage 6 (expected one of [1, 2, 3, 4, 5])");
    }

    private int lab(String... args) {
        return CliTestUtil.run(out, err, "lab", args);
    }
}
