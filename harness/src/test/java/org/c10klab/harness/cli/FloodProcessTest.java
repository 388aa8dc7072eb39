package org.c10klab.harness.cli;


import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.c10klab.harness.FloodTestUtil;
import org.c10klab.harness.ScriptedServer;
import org.c10klab.harness.flood.Outcome;
import org.c10klab.harness.launch.ChildJvm;
import org.c10klab.harness.report.ResultJson;
import org.c10klab.harness.result.FloodResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code c10k flood} in its own JVM, for what only a process can show: a real Ctrl-C (SIGINT) and a
 * real open-file limit.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FloodProcessTest {

    @Test
    void ctrlCStillWritesResultsMarkedPartial(@TempDir Path out) throws Exception {
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.neverReply())) {
            Process flood = start(out, TerminalSignals.RESTORE_SIGINT, "--target", server.target(), "-c", "5",
                    "--response-timeout", "60s", "--out", out.resolve("results").toString());
            await().atMost(Duration.ofSeconds(30)).until(() -> server.requests() == 5 || !flood.isAlive());

            new ProcessBuilder("kill", "-INT", Long.toString(flood.pid())).start().waitFor();

            assertThat(flood.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(flood.exitValue()).as(Files.readString(out.resolve("stderr.txt")))
                    .isEqualTo(ExitCode.INTERRUPTED);
            FloodResult result = ResultJson.read(out.resolve("results").resolve("results.json"));
            FloodTestUtil.assertAccounting(result);
            assertThat(result.run().partial()).isTrue();
            assertThat(result.requests().count(Outcome.CANCELLED)).isEqualTo(5);
            assertThat(Files.readString(out.resolve("stdout.txt"))).contains("PARTIAL: stopped (interrupted)");
        }
    }

    @Test
    void ownOpenFileLimitIsReportedAsLocalLimit(@TempDir Path out) throws Exception {
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.pong())) {
            // The child may open 256 files; 400 connections cannot all be held.
            Process flood = start(out, List.of("bash", "-c", "ulimit -n 256 && exec \"$@\"", "flood-with-256-files"),
                    "--target", server.target(), "-c", "400", "-n", "0", "--duration", "1s",
                    "--out", out.resolve("results").toString());

            assertThat(flood.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(flood.exitValue()).as(Files.readString(out.resolve("stderr.txt"))).isZero();
            FloodResult result = ResultJson.read(out.resolve("results").resolve("results.json"));
            FloodTestUtil.assertAccounting(result);
            long connected = result.connections().count(Outcome.OK);
            long limited = result.connections().count(Outcome.LOCAL_LIMIT);
            assertThat(connected).isBetween(50L, 255L);
            assertThat(connected + limited).isEqualTo(400);
            assertThat(result.connections().details(Outcome.LOCAL_LIMIT)).containsOnlyKeys("open_files");
            assertThat(result.environment().openFileLimit()).isEqualTo(256);
            assertThat(result.notes()).anyMatch(note -> note.startsWith("local_limit:")
                    && note.contains("open-file limit") && note.contains("256 here"));
            assertThat(Files.readString(out.resolve("stderr.txt")))
                    .contains("400 connections asked, but this process may open 256 files");
        }
    }

    @Test
    void nothingListeningExitsThreeWithOneLineSayingWhy(@TempDir Path out) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Process flood = start(out, List.of(), "--target", "127.0.0.1:" + port, "-c", "20", "-n", "3");

        assertThat(flood.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(flood.exitValue()).isEqualTo(ExitCode.FAILED);
        assertThat(Files.readAllLines(out.resolve("stderr.txt")))
                .containsExactly("c10k flood: no connection could be made: 20 of 20 attempts refused");
    }

    @Test
    void badUsageExitsTwoWithTwoLinesAndNoHelp(@TempDir Path out) throws Exception {
        Process flood = start(out, List.of(), "--target", "127.0.0.1:1", "-d", "10");

        assertThat(flood.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(flood.exitValue()).isEqualTo(ExitCode.USAGE);
        assertThat(Files.readAllLines(out.resolve("stderr.txt"))).containsExactly(
                "c10k flood: -d/--duration 10: '10' needs a unit (expected e.g. 500ms, 2s, 1m)",
                "see 'c10k flood --help'");
        assertThat(out.resolve("stdout.txt")).isEmptyFile();
    }

    /** Starts {@code c10k flood ARGS --quiet} in a child JVM on this classpath, behind {@code wrapper}. */
    private static Process start(Path out, List<String> wrapper, String... args) throws IOException {
        List<String> floodArgs = new ArrayList<>(List.of("flood"));
        floodArgs.addAll(List.of(args));
        floodArgs.add("--quiet");
        List<String> command = new ArrayList<>(wrapper);
        command.addAll(ChildJvm.command(List.of(), floodArgs));
        return new ProcessBuilder(command)
                .redirectOutput(out.resolve("stdout.txt").toFile())
                .redirectError(out.resolve("stderr.txt").toFile())
                .start();
    }
}
