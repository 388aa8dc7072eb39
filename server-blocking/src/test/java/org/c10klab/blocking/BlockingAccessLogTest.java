package org.c10klab.blocking;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.c10klab.blocking.BlockingTestUtil.RunningServer;
import org.c10klab.server.log.ServerLogging;
import org.c10klab.server.testing.AccessLogLines;
import org.c10klab.server.testing.AccessLogScenarios;
import org.c10klab.server.testing.RawRespClient;
import org.c10klab.server.testing.StalledFifo;
import org.c10klab.server.testing.TemporaryLogLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

/**
 * The access log and server log of every thread model on real sockets: complete under load, lossy
 * but never slow when the file stalls.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BlockingAccessLogTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Model.class)
    void aFloodLeavesALineForEveryConnectionAndEveryRequest(Model model) throws Exception {
        Path file = dir.resolve("access.log");
        try (RunningServer server = BlockingTestUtil.start(model, "--access-log", file.toString(), "--access-log-requests")) {
            AccessLogScenarios.aFloodLeavesALineForEveryConnectionAndEveryRequest(server.server(), file);
        }
    }

    @ParameterizedTest
    @EnumSource(Model.class)
    void aStalledAccessLogCostsDroppedLinesNotLatency(Model model) throws Exception {
        try (StalledFifo fifo = StalledFifo.create(dir, "access.fifo");
                RunningServer server = BlockingTestUtil.start(model, "--access-log", fifo.path().toString(),
                        "--access-log-requests", "--log-queue-size", "64")) {
            AccessLogScenarios.aStalledAccessLogCostsDroppedLinesNotLatency(server.server(), fifo);
        }
    }

    @Test
    void admissionTimeoutsProtocolErrorsAndIdleTimeoutsAreLoggedWithTheirReasonAndTheLogFileGetsStartAndStop()
            throws Exception {
        Path access = dir.resolve("access.log");
        Path serverLog = dir.resolve("server.log");
        int port;
        Map<String, InetSocketAddress> clientByReason = new LinkedHashMap<>();
        try (TemporaryLogLevel startAndStop = TemporaryLogLevel.info(ServerLogging.class);
                RunningServer server = BlockingTestUtil.start(Model.POOL, "--pool-size", "1", "--admission-timeout", "100ms",
                        "--idle-timeout", "1s", "--access-log", access.toString(), "--log-file", serverLog.toString())) {
            port = server.server().localAddress().getPort();
            try (RawRespClient holder = server.connect(); RawRespClient refused = server.connect()) {
                assertThat(holder.call("PING\r\n")).isEqualTo("+PONG\r\n");
                assertThat(refused.readReply()).isEqualTo("-ERR max clients reached\r\n");
                assertThat(holder.call("*1\r\n$x\r\n")).startsWith("-ERR Protocol error: ");
                assertThat(holder.closedByServer()).isTrue();
                clientByReason.put("protocol_error", holder.localAddress());
                clientByReason.put("max_clients", refused.localAddress());
            }
            try (RawRespClient idle = server.connect()) {
                assertThat(idle.closedByServer()).isTrue();
                clientByReason.put("idle_timeout", idle.localAddress());
            }
            assertThat(server.server().metrics().rejectedSummary())
                    .contains("max_clients=1", "protocol_error=1", "idle_timeout=1");
        }

        AccessLogLines lines = AccessLogLines.read(access);
        assertThat(lines.events("reject")).hasSize(3);
        clientByReason.forEach((reason, client) -> assertThat(lines.events("reject")).as(reason)
                .anySatisfy(line -> assertThat(line).containsEntry("reason", reason)
                        .containsEntry("remote", "127.0.0.1:" + client.getPort())));
        assertThat(lines.events("reject")).anySatisfy(line -> assertThat(line).containsEntry("error", "invalid bulk length"));
        assertThat(lines.events("close")).hasSize(3);
        assertThat(Files.readString(serverLog))
                .contains("pool server on 127.0.0.1:" + port + " started")
                .contains("pool server on 127.0.0.1:" + port + " stopped");
    }

    @Test
    void anUnwritableLogFileOrAnEmptyQueueStopsStartupWithOneClearLine() throws Exception {
        Path notADirectory = Files.createFile(dir.resolve("plain-file"));
        Path serverLog = notADirectory.resolve("server.log");

        Map.Entry<Integer, String> unwritable = run("--log-file", serverLog.toString());
        assertThat(unwritable.getKey()).isEqualTo(CommandLine.ExitCode.SOFTWARE);
        assertThat(unwritable.getValue()).isEqualTo("blocking: --log-file: cannot write " + serverLog + " (Not a directory)"
                + System.lineSeparator());

        Map.Entry<Integer, String> emptyQueue = run("--log-queue-size", "0");
        assertThat(emptyQueue.getKey()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(emptyQueue.getValue()).startsWith("--log-queue-size: 0 (expected: >= 1)" + System.lineSeparator());
    }

    /** Runs the command as the CLI would, for options that must fail before it serves; its exit code and stderr. */
    private static Map.Entry<Integer, String> run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new BlockingServerCommand()).setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(BlockingTestUtil.TEST_ARGS);
        all.addAll(List.of(args));
        int exit = cli.execute(all.toArray(String[]::new));
        return Map.entry(exit, err.toString());
    }
}
