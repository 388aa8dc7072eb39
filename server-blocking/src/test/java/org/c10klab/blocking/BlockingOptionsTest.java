package org.c10klab.blocking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** The command line: model names, defaults, and options refused before anything binds. */
@Timeout(10)
class BlockingOptionsTest {

    @Test
    void defaultsAreVirtualWithTwoThreadsPerCoreAndOneSecondAdmission() {
        BlockingOptions options = parse();
        assertThat(options.model).isEqualTo(Model.VIRTUAL);
        assertThat(options.poolSize).isEqualTo(2 * Runtime.getRuntime().availableProcessors());
        assertThat(options.admissionTimeout).isEqualTo(Duration.ofSeconds(1));
        assertThat(options.idleTimeout).isZero();
        assertThat(options.carriers()).isEqualTo(1);
        assertThat(new BlockingOptions().model).as("usable without picocli").isEqualTo(Model.VIRTUAL);
    }

    @Test
    void modelsAreNamedInLowerCaseAndParsedIgnoringCase() {
        assertThat(parse("--model", "serial").model).isEqualTo(Model.SERIAL);
        assertThat(parse("--model", "THREADS").model).isEqualTo(Model.THREADS);
        assertThat(Model.POOL.cliName()).isEqualTo("pool");
        assertThat(parse("--model", "pool", "--pool-size", "7", "--admission-timeout", "250ms", "--idle-timeout", "2s"))
                .satisfies(options -> {
                    assertThat(options.poolSize).isEqualTo(7);
                    assertThat(options.admissionTimeout).isEqualTo(Duration.ofMillis(250));
                    assertThat(options.idleTimeout).isEqualTo(Duration.ofSeconds(2));
                });
    }

    @Test
    void anUnknownModelNamesTheChoices() {
        assertThatThrownBy(() -> parse("--model", "fibers"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("'fibers' is not a model (expected one of: serial, threads, pool, virtual)");
    }

    @Test
    void anOutOfRangeOptionExitsWithUsageBeforeBinding() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new BlockingServerCommand()).setErr(new PrintWriter(err));
        int exitCode = commandLine.execute("--port", "0", "--metrics-port", "-1", "--model", "pool", "--pool-size", "0");
        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("--pool-size: 0 (expected: >= 1)").contains("Usage: blocking");
    }

    @Test
    void carriersBelongToTheVirtualModelAndAreAtLeastOne() {
        assertThat(parse("--carriers", "3").carriers()).isEqualTo(3);
        assertThatThrownBy(() -> parse("--model", "threads", "--carriers", "2").validate())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--carriers is an option of --model virtual only");
        assertThatThrownBy(() -> parse("--carriers", "0").validate())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--carriers: 0 (expected: 1 to 32767)");
    }

    private static BlockingOptions parse(String... args) {
        CommandLine parsed = new CommandLine(new BlockingServerCommand());
        parsed.parseArgs(args);
        return BlockingTestUtil.mixin(parsed, BlockingOptions.class);
    }
}
