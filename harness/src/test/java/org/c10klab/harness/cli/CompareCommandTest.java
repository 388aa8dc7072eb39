package org.c10klab.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.c10klab.harness.FloodTestUtil;
import org.c10klab.harness.experiment.CompareResult;
import org.c10klab.harness.experiment.ExperimentTestUtil;
import org.c10klab.harness.experiment.RunStatus;
import org.c10klab.harness.report.ResultJson;
import org.c10klab.harness.report.SummaryCsv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code c10k compare} as a user runs it, against real servers in child JVMs: the table, the verdict, the files. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class CompareCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void putsThreeModelsSideBySideWithAVerdictAndWritesEveryFile(@TempDir Path dir) throws Exception {
        // Serial needs 20 x 100 ms = 2 s for this flood, so a 1 s response timeout leaves it failures to explain.
        int exit = compare("--models", "netty,virtual,serial", "-c", "20", "-n", "2", "--command", "SLEEP 50",
                "--response-timeout", "1s", "--out", dir.toString());

        assertThat(exit).as(err.toString()).isZero();
        String table = out.toString();
        assertThat(table).contains("compare: netty, virtual, serial, each in its own JVM",
                        "flood:   20 connections at once, 2 x SLEEP 50 each, closed model; connect timeout 2s, "
                                + "response timeout 1s")
                .containsPattern("model\\s+status\\s+connects\\s+requests\\s+req/s\\s+conn p99\\s+p50\\s+p99\\s+"
                        + "p99\\.9\\s+max\\s+OS thr\\s+virt thr\\s+RSS MiB\\s+CPU s\\s+failed")
                .containsPattern("netty\\s+completed\\s+20/20\\s+40/40")
                .containsPattern("virtual\\s+completed\\s+20/20\\s+40/40")
                .containsPattern("serial\\s+completed\\s+20/20\\s+\\d+/40 .*response_timeout")
                .contains("verdict:", "netty and virtual answered all 40 requests from all 20 connections.",
                        "  - serial answered ", "never got a reply: connected is not served",
                        "reproduce: ./c10k compare --models netty,virtual,serial -c 20");
        // The virtual-thread sentence needs a /metrics sample taken while the 100 ms flood ran: timing, so not asserted.
        assertThat(err.toString()).contains("[1/3] netty: starting c10k server netty", "[3/3] serial: starting");

        CompareResult written = ResultJson.mapper().readValue(dir.resolve("compare.json").toFile(),
                CompareResult.class);
        assertThat(written.runs()).extracting(run -> run.model().cliName())
                .containsExactly("netty", "virtual", "serial");
        assertThat(written.runs()).allMatch(run -> run.status() == RunStatus.COMPLETED && run.server() != null);
        assertThat(written.verdict()).isNotEmpty();
        List<String> csv = Files.readAllLines(dir.resolve("compare.csv"));
        assertThat(csv).hasSize(4).first().isEqualTo(SummaryCsv.HEADER);
        assertThat(csv.get(1)).startsWith("netty,completed,,20,20,,40,40,40,,0,");
        for (String model : List.of("netty", "virtual", "serial")) {
            FloodTestUtil.assertAccounting(ResultJson.read(dir.resolve(model).resolve("results.json")));
            assertThat(dir.resolve(model).resolve("results.csv")).isNotEmptyFile();
        }
        assertThat(Files.readString(dir.resolve("report.html"))).contains("<svg", "Verdict", "net.core.somaxconn");
        assertThat(ExperimentTestUtil.liveJavaChildren()).isEmpty();
    }

    @Test
    void badUsageExitsTwoBeforeStartingAnything(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "");

        assertThat(compare("--models", "netty,nope")).isEqualTo(2);
        assertThat(compare("--pool-size", "0")).isEqualTo(2);
        assertThat(compare("--server-transport", "kqueue")).isEqualTo(2);
        assertThat(compare("--out", file.toString())).isEqualTo(2);
        assertThat(compare("--assert", "p99 fast")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown model 'nope'", "--pool-size: 0 (expected: >= 1)",
                "--server-transport: 'kqueue'", "exists and is not a directory", "--assert 'p99 fast'");
        assertThat(ExperimentTestUtil.liveJavaChildren()).isEmpty();
    }

    private int compare(String... args) {
        return CliTestUtil.run(out, err, "compare", args);
    }
}
