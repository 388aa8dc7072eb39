package org.c10klab.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.c10klab.harness.FloodTestUtil;
import org.c10klab.harness.TestJedis;
import org.c10klab.harness.flood.Outcome;
import org.c10klab.harness.launch.ChildJvm;
import org.c10klab.harness.launch.ServerProcess;
import org.c10klab.harness.report.MergedReport;
import org.c10klab.harness.report.ResultJson;
import org.c10klab.harness.result.CommandResult;
import org.c10klab.harness.result.FloodResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

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
            assertThat(partial).as(partOut.toString()).isEqualTo(ExitCode.ASSERT_FAILED);
            assertThat(ResultJson.read(dir.resolve("partial").resolve("results.json")).run().partial()).isTrue();
            assertThat(partOut.toString()).contains("FAIL connect.ok=300 (actual 150)", "0/2       missing");

            StringWriter refusedErr = new StringWriter();
            int refused = CliTestUtil.run(new StringWriter(), refusedErr, "merge", dir.resolve("segment-1").toString(),
                    "--out", dir.resolve("refused").toString());
            assertThat(refused).isEqualTo(2);
            assertThat(refusedErr.toString()).contains("missing segment(s) [0] of 2");
        }
    }

    @Test
    void sequentialSegmentsFillTheKeySpaceOnceAndMergeEachCommandExactly(@TempDir Path dir) throws Exception {
        try (ServerProcess server = ServerProcess.start(List.of("netty"));
             Jedis jedis = TestJedis.connect(server.address())) {
            String target = "127.0.0.1:" + server.address().getPort();
            List<String> sets = segments(dir, "set", "--target", target, "-c", "10", "-n", "10", "--command",
                    "SET __key__ __value__", "--keyspace", "100", "--key-distribution", "sequential",
                    "--value-size", "8");
            // Segment 1 starts at key 50, where the whole flood's 51st request would: 100 keys, not 50 twice.
            assertThat(jedis.info()).containsPattern("(?m)^keys:100\\r?$");
            List<String> mix = segments(dir, "mix", "--target", target, "-c", "10", "-n", "10", "--command",
                    "GET __key__", "--command", "PING", "--keyspace", "200", "--key-distribution", "sequential");

            for (List<String> folders : List.of(sets, mix)) {
                FloodResult whole = merged(folders, Path.of(folders.getFirst() + "-merged"));
                List<FloodResult> parts = new ArrayList<>();
                for (String folder : folders) {
                    parts.add(ResultJson.read(Path.of(folder).resolve("results.json")));
                }
                assertThat(whole.notes()).noneMatch(note -> note.contains("per-command latency"));
                assertThat(whole.commands()).hasSameSizeAs(parts.getFirst().commands());
                for (int c = 0; c < whole.commands().size(); c++) {
                    int command = c;
                    CommandResult all = whole.commands().get(c);
                    List<CommandResult> each = parts.stream().map(p -> p.commands().get(command)).toList();
                    assertThat(all.requests().total()).as(all.command())
                            .isEqualTo(each.stream().mapToLong(p -> p.requests().total()).sum());
                    assertThat(all.requests().count(Outcome.OK))
                            .isEqualTo(each.stream().mapToLong(p -> p.requests().count(Outcome.OK)).sum());
                    assertThat(all.nils()).isEqualTo(each.stream().mapToLong(CommandResult::nils).sum());
                    assertThat(all.latency().count()).as("percentiles from every reply's sample")
                            .isEqualTo(each.stream().mapToLong(p -> p.latency().count()).sum())
                            .isEqualTo(all.requests().count(Outcome.OK));
                    assertThat(all.latency().maxMs())
                            .isEqualTo(each.stream().mapToDouble(p -> p.latency().maxMs()).max().orElseThrow());
                }
            }
            FloodResult mixed = ResultJson.read(Path.of(mix.getFirst() + "-merged").resolve("results.json"));
            // 50 GETs of keys the SETs left (0-99) or not (100-199): the misses are summed, not lost in the merge.
            assertThat(mixed.commands().getFirst().requests().count(Outcome.OK)).isEqualTo(50);
            assertThat(mixed.commands().getFirst().nils()).isBetween(0L, 50L);
            assertThat(Files.readString(Path.of(mix.getFirst() + "-merged").resolve("commands.csv")))
                    .contains("GET __key__", "PING", "(all)");
        }
    }

    @Test
    void aMergeOfSegmentsThatConnectedNowhereExitsThreeAsAFloodDoes(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        // Nothing listens on the port just closed: every connect of both segments is refused.
        List<String> folders = new ArrayList<>();
        for (int index = 0; index < 2; index++) {
            Path folder = dir.resolve("segment-" + index);
            int exit = CliTestUtil.run(new StringWriter(), new StringWriter(), "flood", "--target",
                    "127.0.0.1:" + port, "-c", "4", "-n", "1", "--segment", index + "/2", "--quiet", "--out",
                    folder.toString());
            assertThat(exit).isEqualTo(ExitCode.FAILED);
            folders.add(folder.toString());
        }
        StringWriter err = new StringWriter();
        folders.addAll(List.of("--out", dir.resolve("merged").toString()));
        int exit = CliTestUtil.run(new StringWriter(), err, "merge", folders.toArray(String[]::new));

        assertThat(exit).isEqualTo(ExitCode.FAILED);
        assertThat(err.toString()).isEqualTo("c10k merge: no connection could be made: 4 of 4 attempts refused"
                + System.lineSeparator());
    }

    /** {@code c10k merge FOLDERS --out OUT}, which must pass; the merged result. */
    private static FloodResult merged(List<String> folders, Path out) throws IOException {
        List<String> args = new ArrayList<>(folders);
        args.addAll(List.of("--out", out.toString()));
        StringWriter merged = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(CliTestUtil.run(merged, err, "merge", args.toArray(String[]::new))).as(merged + "\n" + err)
                .isZero();
        return ResultJson.read(out.resolve("results.json"));
    }

    /** Runs both segments of {@code c10k flood ARGS} in this JVM, one after the other; their folders. */
    private static List<String> segments(Path dir, String name, String... args) {
        List<String> folders = new ArrayList<>();
        for (int index = 0; index < 2; index++) {
            Path folder = dir.resolve(name + "-" + index);
            List<String> segment = new ArrayList<>(List.of(args));
            segment.addAll(List.of("--segment", index + "/2", "--quiet", "--out", folder.toString()));
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            assertThat(CliTestUtil.run(out, err, "flood", segment.toArray(String[]::new))).as(out + "\n" + err)
                    .isZero();
            folders.add(folder.toString());
        }
        return folders;
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
