package org.c10klab.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.c10klab.harness.ScriptedServer;
import org.c10klab.harness.experiment.ExperimentTestUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code c10k diff} over real output folders of {@code flood} and {@code compare}. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DiffCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    @Test
    void twoFloodsShowEachFigureBeforeAndAfterWithoutANoiseEstimate() throws IOException {
        Path baseline = dir.resolve("baseline");
        Path broken = dir.resolve("broken");
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.pong())) {
            assertThat(flood(server.target(), baseline)).isZero();
        }
        // The same flood against a port where nothing listens any more: every connect refused.
        assertThat(flood("127.0.0.1:" + closedPort(), broken)).isEqualTo(ExitCode.FAILED);

        int exit = CliTestUtil.run(out, err, "diff", baseline.toString(), broken.toString(),
                "--assert", "errors<=+0", "--assert", "p99<=+10%", "--assert", "response_timeout=+0");

        assertThat(exit).as(err.toString()).isEqualTo(ExitCode.ASSERT_FAILED);
        assertThat(out.toString())
                .contains("diff: " + baseline + " (flood, 1 trial) -> " + broken + " (flood, 1 trial)")
                .containsPattern("connections made\\s+5\\s+0\\s+-100%")
                .containsPattern("requests ok\\s+10\\s+0\\s+-100%")
                .containsPattern("refused\\s+0\\s+5\\s+\\+inf%")
                .containsPattern("request p99 ms\\s+\\S+\\s+no samples\\s+no samples")
                .contains("ok requests/s", "request p50 ms", "request p90 ms", "request p99 ms", "request max ms",
                        "connect p99 ms", "failed connects + requests")
                .contains("single run, no noise estimate")
                .contains("FAIL errors<=+0 (actual +5)", "FAIL p99<=+10% (actual no samples)",
                        "PASS response_timeout=+0 (actual +0)");
    }

    @Test
    void aCompareFolderAgainstItselfChangesNothingAndNothingIsBeyondNoise() throws IOException {
        Path compare = dir.resolve("compare");
        int ran = CliTestUtil.run(new StringWriter(), new StringWriter(), "compare", "--models", "netty",
                "--repeat", "2", "-c", "5", "-n", "20", "--command", "PING", "--quiet", "--out", compare.toString());
        assertThat(ran).isZero();

        int exit = CliTestUtil.run(out, err, "diff", compare.toString(), compare.toString(),
                "--assert", "p99<=+0%", "--assert", "rps>=-0%");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("(compare, 2 trials)", "beyond noise? (run/baseline, 99% interval)",
                        "Holm-corrected")
                .containsPattern("ok requests/s\\s+\\S+\\s+\\S+\\s+\\+0\\.00%\\s+no 1\\.0x \\[")
                .containsPattern("connections made\\s+5\\s+5\\s+\\+0\\.00%\\s+no 1\\.0x \\[1\\.00-1\\.00\\]")
                .containsPattern("requests ok\\s+100\\s+100\\s+\\+0\\.00%")
                .doesNotContain("yes ")
                .contains("PASS p99<=+0%", "PASS rps>=-0%");
        assertThat(ExperimentTestUtil.liveJavaChildren()).isEmpty();
    }

    @Test
    void foldersThatAreNotResultsAreBadUsage() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path garbled = Files.createDirectories(dir.resolve("garbled"));
        Files.writeString(garbled.resolve("results.json"), "{\"not\": \"a result\"");

        assertThat(CliTestUtil.run(out, err, "diff", dir.resolve("missing").toString(), empty.toString()))
                .isEqualTo(ExitCode.USAGE);
        assertThat(CliTestUtil.run(out, err, "diff", empty.toString(), empty.toString())).isEqualTo(ExitCode.USAGE);
        assertThat(CliTestUtil.run(out, err, "diff", garbled.toString(), garbled.toString()))
                .isEqualTo(ExitCode.USAGE);
        assertThat(CliTestUtil.run(out, err, "diff", empty.toString(), empty.toString(), "--assert", "p99 up"))
                .isEqualTo(ExitCode.USAGE);
        assertThat(CliTestUtil.run(out, err, "diff", empty.toString())).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains(dir.resolve("missing") + ": no such folder",
                empty + ": not a result folder (expected the results.json of c10k flood --out",
                garbled.resolve("results.json") + ": not a c10k flood result",
                "--assert 'p99 up': expected FIGURE OP CHANGE", "Missing required parameter: 'RUN_DIR'")
                .doesNotContain("Exception", "Usage:");
        assertThat(out.toString()).isEmpty();
    }

    private static int flood(String target, Path out) {
        return CliTestUtil.run(new StringWriter(), new StringWriter(), "flood", "--target", target, "-c", "5",
                "-n", "2", "--quiet", "--out", out.toString());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}
