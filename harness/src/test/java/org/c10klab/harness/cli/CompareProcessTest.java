package org.c10klab.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.c10klab.harness.experiment.CompareResult;
import org.c10klab.harness.launch.ChildJvm;
import org.c10klab.harness.report.ResultJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code c10k compare} in its own JVM, for what only a process can show: a real Ctrl-C, and no orphan left. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CompareProcessTest {

    @Test
    void ctrlCStopsTheServerWritesPartialResultsAndLeavesNoChildBehind(@TempDir Path dir) throws Exception {
        Path results = dir.resolve("results");
        List<String> command = new ArrayList<>(TerminalSignals.RESTORE_SIGINT);
        command.addAll(ChildJvm.command(List.of(), List.of("compare", "--models", "serial,netty", "--repeat", "2",
                "-c", "5", "-n", "1", "--command", "SLEEP 3000", "--response-timeout", "30s",
                "--out", results.toString())));
        Process compare = new ProcessBuilder(command)
                .redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(dir.resolve("stderr.txt").toFile())
                .start();
        // Serial's flood has begun once its first status line is out.
        await().atMost(Duration.ofSeconds(40)).until(() -> !compare.isAlive()
                || Files.readString(dir.resolve("stderr.txt")).contains("open 5/5"));
        List<ProcessHandle> servers = compare.descendants().toList();
        assertThat(servers).as(Files.readString(dir.resolve("stderr.txt"))).hasSize(1);

        new ProcessBuilder("kill", "-INT", Long.toString(compare.pid())).start().waitFor();

        assertThat(compare.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String stdout = Files.readString(dir.resolve("stdout.txt"));
        assertThat(compare.exitValue()).as(stdout + Files.readString(dir.resolve("stderr.txt")))
                .isEqualTo(ExitCode.INTERRUPTED);
        assertThat(servers).noneMatch(ProcessHandle::isAlive);
        assertThat(stdout).contains("PARTIAL: stopped by Ctrl-C").containsPattern("serial\\s+1 interrupted, 1 skipped")
                .containsPattern("netty\\s+skipped");
        CompareResult result = ResultJson.mapper().readValue(results.resolve("compare.json").toFile(),
                CompareResult.class);
        assertThat(result.partial()).isTrue();
        assertThat(result.trials()).extracting(run -> run.label() + " " + run.status())
                .containsExactly("serial interrupted", "netty skipped", "netty skipped", "serial skipped");
        assertThat(ResultJson.read(results.resolve("serial").resolve("trial-1").resolve("results.json")).run().partial())
                .isTrue();
        assertThat(results.resolve("report.html")).isNotEmptyFile();
    }
}
