package org.c10klab.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine.ParseResult;

/**
 * {@code --target-pid} with {@code --workers}: once, every worker samples that process; once per worker (say six
 * servers sharing a port), worker I samples the I-th; any other count is refused before a worker starts.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WorkerTargetPidTest {

    private static final Instant START = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void onePidPerWorkerGivesWorkerITheIthAndNoOther() {
        ParseResult flood = parse("--workers", "3", "--target-pid", "101", "--target-pid", "202",
                "--target-pid", "303");

        for (int i = 0; i < 3; i++) {
            List<String> args = WorkerFlood.workerArgs(flood, i, 3, START, Path.of("w" + i));
            assertThat(Collections.frequency(args, "--target-pid")).as("worker " + i).isEqualTo(1);
            assertThat(args.get(args.indexOf("--target-pid") + 1)).as("worker " + i)
                    .isEqualTo(String.valueOf(101 * (i + 1)));
            assertThat(args).containsSequence("--segment", i + "/3");
        }
    }

    @Test
    void onePidIsEveryWorkersTarget() {
        ParseResult flood = parse("--workers", "2", "--target-pid", "77");

        assertThat(WorkerFlood.workerArgs(flood, 1, 2, START, Path.of("w1"))).containsSequence("--target-pid", "77")
                .containsOnlyOnce("--target-pid");
    }

    @Test
    void anotherCountOfPidsIsAUsageErrorNamingWhatToGive() {
        long self = ProcessHandle.current().pid();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = CliTestUtil.run(out, err, "flood", "--target", "127.0.0.1:1", "--workers", "3",
                "--target-pid", String.valueOf(self), "--target-pid", String.valueOf(self));

        assertThat(exit).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("--target-pid given 2 times: give it once, or once per worker with "
                + "--workers 2");
    }

    private static ParseResult parse(String... options) {
        String[] args = new String[options.length + 3];
        args[0] = "flood";
        args[1] = "--target";
        args[2] = "127.0.0.1:7379";
        System.arraycopy(options, 0, args, 3, options.length);
        return C10k.commandLine().parseArgs(args).subcommand();
    }
}
