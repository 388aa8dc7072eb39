package org.c10klab.harness.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.c10klab.harness.conformance.ConformanceTestUtil.RunningServer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * redis-cli and redis-benchmark (Debian redis-tools) as real external clients of every model;
 * skipped with a message where they are not installed.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RedisToolsConformanceTest {

    @ParameterizedTest
    @MethodSource("org.c10klab.harness.conformance.ConformanceTestUtil#models")
    void redisCliSpeaksToEveryModel(String model) throws Exception {
        assumeInstalled("redis-cli");
        try (RunningServer server = ConformanceTestUtil.start(model)) {
            String port = String.valueOf(server.address().getPort());
            assertThat(run("redis-cli", "-p", port, "PING")).isEqualTo("PONG");
            assertThat(run("redis-cli", "-p", port, "SET", "greeting", "hello world")).isEqualTo("OK");
            assertThat(run("redis-cli", "-p", port, "GET", "greeting")).isEqualTo("hello world");
            assertThat(run("redis-cli", "-p", port, "SLEEP", "50")).isEqualTo("OK");
            assertThat(run("redis-cli", "-p", port, "INFO")).contains("model:" + model);
        }
    }

    @ParameterizedTest
    @MethodSource("org.c10klab.harness.conformance.ConformanceTestUtil#models")
    void redisBenchmarkCompletesAgainstEveryModel(String model) throws Exception {
        assumeInstalled("redis-benchmark");
        // serial holds one connection at a time, so more benchmark clients would wait forever; pool
        // answers clients beyond its size with "max clients reached", so it gets one thread per client.
        String clients = model.equals("serial") ? "1" : "20";
        String[] serverArgs = model.equals("pool") ? new String[] {"--pool-size", clients} : new String[0];
        try (RunningServer server = ConformanceTestUtil.start(model, serverArgs)) {
            String output = run("redis-benchmark", "-p", String.valueOf(server.address().getPort()),
                    "-n", "2000", "-c", clients, "-t", "ping,set,get", "-q");
            assertThat(output).contains("PING_INLINE").contains("SET:").contains("GET:")
                    .contains("requests per second");
        }
    }

    private static void assumeInstalled(String tool) {
        boolean installed = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
        assumeTrue(installed, tool + " is not installed (apt-get install redis-tools); skipping");
    }

    /** Runs a tool and returns its trimmed stdout; fails on a non-zero exit or after 60 s. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command[0]).isTrue();
        String text = new String(output, StandardCharsets.UTF_8).trim();
        assertThat(process.exitValue()).as("%s exit code, output: %s", command[0], text).isZero();
        return text;
    }
}
