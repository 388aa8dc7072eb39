package org.c10klab.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Bad usage of any command: exit 2, one line naming the option, the value and what is expected, then "see --help". */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class UsageErrorTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void anUnknownModelNamesTheValueAndTheModels() {
        assertUsageError(new String[] {"compare", "--models", "netty,virtul"},
                "c10k compare: --models virtul: unknown model 'virtul' (expected one of: netty, virtual, threads, "
                        + "pool, serial)");
    }

    @Test
    void aDurationWithoutUnitSaysItNeedsOne() {
        assertUsageError(new String[] {"flood", "--target", "127.0.0.1:1", "-d", "10"},
                "c10k flood: -d/--duration 10: '10' needs a unit (expected e.g. 500ms, 2s, 1m)");
    }

    @Test
    void aThresholdWithoutUnitSaysWhatLatencyNeeds() {
        assertUsageError(new String[] {"flood", "--target", "127.0.0.1:1", "--assert", "p99<50"},
                "c10k flood: --assert 'p99<50': latency needs a duration like 50ms or 1s");
    }

    @Test
    void aServerModelTypoListsTheModels() {
        assertUsageError(new String[] {"server", "blocking", "--model", "thread"},
                "c10k server blocking: --model thread: 'thread' is not a model (expected one of: serial, threads, "
                        + "pool, virtual)");
    }

    @Test
    void anUnknownOptionIsReportedOnceWithTheClosestOption() {
        assertUsageError(new String[] {"flood", "--target", "127.0.0.1:1", "--conections", "50"},
                "c10k flood: unknown option '--conections'; did you mean --connections?");
        assertThat(err.toString()).doesNotContain("'50'");
    }

    @Test
    void aMissingRequiredOptionIsOneLineToo() {
        assertUsageError(new String[] {"flood"}, "c10k flood: Missing required option: '--target=HOST:PORT'");
    }

    /** Exit 2, nothing on stdout, and on stderr the message line then the pointer to --help: no usage dump. */
    private void assertUsageError(String[] args, String firstLine) {
        String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
        int exit = CliTestUtil.run(out, err, args[0], rest);

        assertThat(exit).isEqualTo(ExitCode.USAGE);
        assertThat(out.toString()).isEmpty();
        String[] lines = err.toString().split("\\R");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith(firstLine).doesNotContain("java.", "Exception");
        assertThat(lines[1]).isEqualTo("see '" + firstLine.substring(0, firstLine.indexOf(':')) + " --help'");
    }
}
