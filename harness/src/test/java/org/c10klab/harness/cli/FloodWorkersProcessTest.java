package org.c10klab.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.c10klab.harness.FloodTestUtil;
import org.c10klab.harness.flood.Outcome;
import org.c10klab.harness.launch.ServerProcess;
import org.c10klab.harness.report.MergedReport;
import org.c10klab.harness.report.ResultJson;
import org.c10klab.harness.result.FloodResult;
import org.c10klab.harness.result.MergedSegments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flood --workers 2} against a netty server in its own JVM: two worker JVMs, each its segment from
 * source addresses of its own, one progress line, one merged result with the per-worker split.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FloodWorkersProcessTest {

    private static final Pattern REMOTE = Pattern.compile("remote=(127\\.\\d+\\.\\d+)\\.\\d+:\\d+");

    @Test
    void twoWorkersFloodFromTheirOwnAddressesAndMergeToTheWhole(@TempDir Path dir) throws Exception {
        Path accessLog = dir.resolve("access.log");
        try (ServerProcess server = ServerProcess.start(List.of("netty", "--access-log", accessLog.toString()))) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exit = CliTestUtil.run(out, err, "flood", "--target", "127.0.0.1:" + server.address().getPort(),
                    "-c", "200", "-n", "2", "--command", "SLEEP 100", "--workers", "2", "--out",
                    dir.resolve("whole").toString(), "--assert", "connect.ok=200", "--assert", "errors=0");

            assertThat(exit).as(out + "\n" + err).isZero();
            FloodResult merged = ResultJson.read(dir.resolve("whole").resolve("results.json"));
            FloodTestUtil.assertAccounting(merged);
            assertThat(merged.connections().count(Outcome.OK)).isEqualTo(200);
            assertThat(merged.requests().count(Outcome.OK)).isEqualTo(400);
            assertThat(merged.config().connections()).isEqualTo(200);
            MergedSegments split = ResultJson.mapper().readValue(
                    dir.resolve("whole").resolve(MergedReport.SEGMENTS_FILE).toFile(), MergedSegments.class);
            assertThat(split.segments()).hasSize(2)
                    .allSatisfy(worker -> assertThat(worker.connections().count(Outcome.OK)).isEqualTo(100));
            assertThat(dir.resolve("whole").resolve("worker-1").resolve("results.json")).exists();
            assertThat(err.toString()).as("one progress line for both workers").contains("open ")
                    .contains("/200").doesNotContain("/100");
            assertThat(out.toString()).contains("0/2", "1/2", "100/100", "PASS connect.ok=200");

            server.stop();
            // Each worker connected from 127.0.I+1.x, so neither competed for the other's ports.
            Set<String> sources = Files.readAllLines(accessLog).stream().filter(line -> line.contains("open"))
                    .map(REMOTE::matcher).filter(Matcher::find).map(m -> m.group(1)).collect(Collectors.toSet());
            assertThat(sources).containsExactlyInAnyOrder("127.0.1", "127.0.2");
        }
    }

    @Test
    void workersThatConnectedNowhereExitThreeAsAFloodDoes() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        // Nothing listens on the port just closed: both workers' connects are refused, so is the merged whole.
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = CliTestUtil.run(out, err, "flood", "--target", "127.0.0.1:" + port, "-c", "4", "-n", "1",
                "--workers", "2", "--start-at", Instant.now().toString());

        assertThat(exit).as(out + "\n" + err).isEqualTo(ExitCode.FAILED);
        assertThat(err.toString()).contains("c10k flood: no connection could be made: 4 of 4 attempts refused");
    }
}
