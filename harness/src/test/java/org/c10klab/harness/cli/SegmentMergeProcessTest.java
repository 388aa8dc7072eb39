package org.c10klab.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.c10klab.harness.FloodTestUtil;
import org.c10klab.harness.flood.Outcome;
import org.c10klab.harness.launch.ChildJvm;
import org.c10klab.harness.launch.ServerProcess;
import org.c10klab.harness.report.MergedReport;
import org.c10klab.harness.report.ResultJson;
import org.c10klab.harness.result.FloodResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two segments of a flood, each {@code c10k flood --segment I/2} in its own JVM against a netty server in a
 * third, started together by {@code --start-at} and merged by {@code c10k merge}: the merged counts are the
 * whole flood's, and thresholds are judged on the merged result.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SegmentMergeProcessTest {

    private static final String CONNECTIONS = "300";
    private static final String REQUESTS = "3";

    @Test
    void twoSegmentsMergeToTheWholeFloodsCounts(@TempDir Path dir) throws Exception {
        try (ServerProcess server = ServerProcess.start(List.of("netty"))) {
            String target = "127.0.0.1:" + server.address().getPort();
            FloodResult whole = FloodTestUtil.flood("--target", target, "-c", CONNECTIONS, "-n", REQUESTS);
            // Far enough ahead for both JVMs to start and warm up, even on a busy machine.
            Instant startAt = Instant.now().plusSeconds(8).truncatedTo(ChronoUnit.SECONDS);
            List<Process> segments = new ArrayList<>();
            for (int index = 0; index < 2; index++) {
                segments.add(flood(dir.resolve("segment-" + index), "--target", target, "-c", CONNECTIONS, "-n",
                        REQUESTS, "--segment", index + "/2", "--start-at", startAt.toString()));
            }
            for (int index = 0; index < 2; index++) {
                Process segment = segments.get(index);
                assertThat(segment.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(segment.exitValue()).as(Files.readString(dir.resolve("segment-" + index + ".err")))
                        .isZero();
                FloodResult part = ResultJson.read(dir.resolve("segment-" + index).resolve("results.json"));
                assertThat(part.config().connections()).isEqualTo(150);
                assertThat(part.segment().startAt()).isEqualTo(startAt.toString());
                assertThat(Instant.parse(part.run().startedAt())).isAfterOrEqualTo(startAt.minusMillis(10));
            }

            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exit = CliTestUtil.run(out, err, "merge", dir.resolve("segment-0").toString(),
                    dir.resolve("segment-1").toString(), "--out", dir.resolve("merged").toString(),
                    "--assert", "connect.ok=" + CONNECTIONS, "--assert", "request.errors=0");

            assertThat(exit).as(out + "\n" + err).isZero();
            FloodResult merged = ResultJson.read(dir.resolve("merged").resolve("results.json"));
            FloodTestUtil.assertAccounting(merged);
            assertThat(merged.connections().counts()).isEqualTo(whole.connections().counts());
            assertThat(merged.requests().counts()).isEqualTo(whole.requests().counts());
            assertThat(merged.requests().count(Outcome.OK)).isEqualTo(300L * 3);
            assertThat(merged.requestLatency().count()).isEqualTo(whole.requestLatency().count());
            assertThat(merged.connectLatency().count()).isEqualTo(300);
            assertThat(merged.config()).isEqualTo(whole.config());
            assertThat(merged.checksPassed()).isTrue();
            assertThat(out.toString()).contains("0/2", "1/2", "150/150");
            assertThat(dir.resolve("merged").resolve(MergedReport.SEGMENTS_FILE)).exists();

            // Each segment alone holds half the connections: the same threshold fails on one segment.
            StringWriter partOut = new StringWriter();
            int partial = CliTestUtil.run(partOut, new StringWriter(), "merge", dir.resolve("segment-1").toString(),
                    "--allow-partial", "--out", dir.resolve("partial").toString(), "--assert",
                    "connect.ok=" + CONNECTIONS);
            assertThat(partial).as(partOut.toString()).isEqualTo(FloodCommand.EXIT_ASSERT_FAILED);
            assertThat(ResultJson.read(dir.resolve("partial").resolve("results.json")).run().partial()).isTrue();
            assertThat(partOut.toString()).contains("FAIL connect.ok=300 (actual 150)", "0/2       missing");

            StringWriter refusedErr = new StringWriter();
            int refused = CliTestUtil.run(new StringWriter(), refusedErr, "merge", dir.resolve("segment-1").toString(),
                    "--out", dir.resolve("refused").toString());
            assertThat(refused).isEqualTo(2);
            assertThat(refusedErr.toString()).contains("missing segment(s) [0] of 2");
        }
    }

    /** Starts {@code c10k flood ARGS --quiet --out OUT} in a child JVM, its stdout and stderr beside OUT. */
    private static Process flood(Path out, String... args) throws IOException {
        List<String> floodArgs = new ArrayList<>(List.of("flood"));
        floodArgs.addAll(List.of(args));
        floodArgs.addAll(List.of("--quiet", "--out", out.toString()));
        return new ProcessBuilder(ChildJvm.command(List.of(), floodArgs))
                .redirectOutput(out.resolveSibling(out.getFileName() + ".out").toFile())
                .redirectError(out.resolveSibling(out.getFileName() + ".err").toFile())
                .start();
    }
}
