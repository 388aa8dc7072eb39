package org.c10klab.harness.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.c10klab.harness.TestJedis;
import org.c10klab.harness.cli.C10k;
import org.c10klab.harness.conformance.ConformanceTestUtil.RunningServer;
import org.c10klab.harness.launch.ChildJvm;
import org.c10klab.harness.launch.ServerProcess;
import org.c10klab.server.testing.HttpText;
import org.c10klab.server.testing.RawRespClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.util.SafeEncoder;

/**
 * The example plugin (module plugin-example), which reaches a server only through {@code --plugins},
 * answers alike on every model; a plugin folder that cannot load stops the start with one line.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PluginConformanceTest {

    /** Where the build copies the example plugin: harness/target/plugins (the default serves IDE runs). */
    private static final Path EXAMPLE_PLUGINS = Path.of(System.getProperty("c10k.test.plugins", "target/plugins"));
    private static final Path EXAMPLE_JAR = EXAMPLE_PLUGINS.resolve("plugin-example.jar");

    /** The example plugin's commands, which Jedis has no method for. */
    private enum ExampleCommand implements ProtocolCommand {
        UPPER, SLOWECHO;

        @Override
        public byte[] getRaw() {
            return SafeEncoder.encode(name());
        }
    }

    @ParameterizedTest
    @MethodSource("org.c10klab.harness.conformance.ConformanceTestUtil#models")
    void theExamplePluginAnswersOnEveryModel(String model) throws Exception {
        List<String> args = new ArrayList<>(ConformanceTestUtil.serverArgs(model));
        args.addAll(List.of("--plugins", EXAMPLE_PLUGINS.toString()));
        try (ServerProcess server = ServerProcess.start(args)) {
            // One connection at a time: the serial model serves no second one while the first is open.
            try (Jedis jedis = TestJedis.connect(server.address())) {
                assertThat(SafeEncoder.encode((byte[]) jedis.sendCommand(ExampleCommand.UPPER, "hello, straße")))
                        .isEqualTo("HELLO, STRASSE");
                assertThat(SafeEncoder.encode((byte[]) jedis.sendCommand(ExampleCommand.SLOWECHO, "10", "late")))
                        .isEqualTo("late");
            }
            try (RawRespClient client = new RawRespClient(server.address())) {
                assertPipelineAndErrors(client);
            }
            assertThat(scrape(server)).containsPattern(
                    "server_commands_seconds_count\\{command=\"UPPER\",model=\"" + model + "\"\\} 3");
        }
    }

    private static void assertPipelineAndErrors(RawRespClient client) throws IOException {
        // A plugin's delayed reply holds the pipeline behind it, exactly like SLEEP.
        long sentNanos = System.nanoTime();
        client.send("SLOWECHO 200 first\r\nupper second\r\nPING\r\n");
        assertThat(client.readReply()).isEqualTo("$5\r\nfirst\r\n");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sentNanos)).isGreaterThanOrEqualTo(190);
        assertThat(client.readReply()).isEqualTo("$6\r\nSECOND\r\n");
        assertThat(client.readReply()).isEqualTo("+PONG\r\n");

        assertThat(client.call("UPPER\r\n")).isEqualTo("-ERR wrong number of arguments for 'upper' command\r\n");
        assertThat(client.call("SLOWECHO 60001 x\r\n"))
                .isEqualTo("-ERR SLOWECHO sleep ms: 60001 (expected: <= 60000)\r\n");
        assertThat(client.call("INFO\r\n")).contains("# Plugins\r\n"
                + "plugin:name=UPPER,arity=2,jar=plugin-example.jar\r\n"
                + "plugin:name=SLOWECHO,arity=3,jar=plugin-example.jar\r\n");
    }

    @Test
    void withoutTheOptionTheExampleCommandsAreUnknown() throws Exception {
        // The build keeps the plugin off this JVM's classpath, so only --plugins can bring it in.
        assertThatThrownBy(() -> Class.forName("org.c10klab.plugin.example.UpperCommand"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThat(EXAMPLE_JAR).isRegularFile();
        try (RunningServer server = ConformanceTestUtil.start("virtual"); RawRespClient client = server.connect()) {
            assertThat(client.call("UPPER x\r\n")).isEqualTo("-ERR unknown command 'UPPER'\r\n");
            assertThat(client.call("INFO\r\n")).doesNotContain("# Plugins");
        }
    }

    @Test
    void twoVersionsOfAPluginStopTheServerProcessWithOneLineNamingBothJars(@TempDir Path folder) throws Exception {
        Files.copy(EXAMPLE_JAR, folder.resolve("example-1.0.jar"));
        Files.copy(EXAMPLE_JAR, folder.resolve("example-1.1.jar"));
        Process process = new ProcessBuilder(ChildJvm.command(List.of(), List.of(
                "server", "netty", "--port", "0", "--metrics-port", "-1", "--plugins", folder.toString())))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).isEqualTo(CommandLine.ExitCode.SOFTWARE);
        assertThat(stderr.strip()).isEqualTo("netty: plugin folder " + folder + ": example-1.0.jar and example-1.1.jar "
                + "both register org.c10klab.plugin.example.UpperCommand (two versions of one plugin?)");
    }

    @Test
    void aBrokenPluginStopsABlockingServerWithOneLineNamingTheJar(@TempDir Path folder) throws Exception {
        Files.copy(EXAMPLE_JAR, folder.resolve("plugin-example.jar"));
        try (JarOutputStream broken = new JarOutputStream(Files.newOutputStream(folder.resolve("broken.jar")))) {
            broken.putNextEntry(new JarEntry("META-INF/services/org.c10klab.protocol.plugin.CommandPlugin"));
            broken.write("org.example.Gone\n".getBytes(StandardCharsets.UTF_8));
        }
        StringWriter err = new StringWriter();
        int exitCode = C10k.commandLine().setErr(new PrintWriter(err, true)).execute("server", "blocking",
                "--model", "pool", "--port", "0", "--metrics-port", "-1", "--plugins", folder.toString());

        assertThat(exitCode).isEqualTo(CommandLine.ExitCode.SOFTWARE);
        assertThat(err.toString().strip()).isEqualTo("blocking: plugin folder " + folder
                + ": broken.jar: Provider org.example.Gone not found");
    }

    private static String scrape(ServerProcess server) throws IOException, InterruptedException {
        return HttpText.get(server.metricsUrl());
    }
}
