package org.c10klab.netty;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.c10klab.netty.NettyTestUtil.TestServer;
import org.c10klab.server.log.ServerLogging;
import org.c10klab.server.testing.AccessLogLines;
import org.c10klab.server.testing.AccessLogScenarios;
import org.c10klab.server.testing.PingFlood;
import org.c10klab.server.testing.RawRespClient;
import org.c10klab.server.testing.StalledFifo;
import org.c10klab.server.testing.TemporaryLogLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The access log and server log of the event-loop model on real sockets: complete under load, lossy
 * but never slow when the file stalls.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NettyAccessLogTest {

    @TempDir
    Path dir;

    @Test
    void aFloodLeavesALineForEveryConnectionAndEveryRequest() throws Exception {
        Path file = dir.resolve("access.log");
        try (TestServer server = NettyTestUtil.start("--access-log", file.toString(), "--access-log-requests")) {
            AccessLogScenarios.aFloodLeavesALineForEveryConnectionAndEveryRequest(server.server(), file);
        }
    }

    @Test
    void aStalledAccessLogCostsDroppedLinesNotLatency() throws Exception {
        try (StalledFifo fifo = StalledFifo.create(dir, "access.fifo");
                TestServer server = NettyTestUtil.start("--access-log", fifo.path().toString(), "--access-log-requests",
                        "--log-queue-size", "64")) {
            AccessLogScenarios.aStalledAccessLogCostsDroppedLinesNotLatency(server.server(), fifo);
        }
    }

    @Test
    void idleTimeoutsAndProtocolErrorsAreLoggedWithTheirReasonAndTheLogFileGetsStartAndStop() throws Exception {
        Path access = dir.resolve("access.log");
        Path serverLog = dir.resolve("server.log");
        int port;
        InetSocketAddress idleClient;
        InetSocketAddress badClient;
        try (TemporaryLogLevel startAndStop = TemporaryLogLevel.info(ServerLogging.class);
                TestServer server = NettyTestUtil.start("--access-log", access.toString(), "--log-file", serverLog.toString(),
                        "--idle-timeout", "300ms")) {
            port = server.server().localAddress().getPort();
            try (RawRespClient idle = server.connect(); RawRespClient bad = server.connect()) {
                idleClient = idle.localAddress();
                badClient = bad.localAddress();
                assertThat(bad.call("*1\r\n$x\r\n")).startsWith("-ERR Protocol error: ");
                assertThat(bad.closedByServer()).isTrue();
                assertThat(idle.closedByServer()).isTrue();
            }
            assertThat(server.server().metrics().rejectedSummary()).contains("idle_timeout=1", "protocol_error=1");
        }

        AccessLogLines lines = AccessLogLines.read(access);
        assertThat(lines.events("reject")).hasSize(2).anySatisfy(line -> assertThat(line)
                .containsEntry("reason", "protocol_error").containsEntry("remote", "127.0.0.1:" + badClient.getPort())
                .containsEntry("error", "invalid bulk length"))
                .anySatisfy(line -> assertThat(line)
                        .containsEntry("reason", "idle_timeout").containsEntry("remote", "127.0.0.1:" + idleClient.getPort()));
        assertThat(lines.events("close")).hasSize(2);
        assertThat(Files.readString(serverLog))
                .contains("netty server on 127.0.0.1:" + port + " started")
                .contains("netty server on 127.0.0.1:" + port + " stopped");
    }

    @Test
    void serversInOneJvmKeepTheirOwnAccessLogsAndStoppingOneSparesTheOther() throws Exception {
        Path first = dir.resolve("first.log");
        Path second = dir.resolve("second.log");
        try (TestServer one = NettyTestUtil.start("--access-log", first.toString());
                TestServer two = NettyTestUtil.start("--access-log", second.toString())) {
            PingFlood.run(one.address(), 1, 1);
            PingFlood.run(two.address(), 1, 1);
            one.close();
            PingFlood.run(two.address(), 2, 1);
        }

        assertThat(AccessLogLines.read(first).events("close")).hasSize(1);
        assertThat(AccessLogLines.read(second).events("close")).hasSize(3);
    }

    @Test
    void anUnwritableLogFileOrAnEmptyQueueStopsStartupWithOneClearLine() throws Exception {
        Path notADirectory = Files.createFile(dir.resolve("plain-file"));
        Path access = notADirectory.resolve("access.log");

        Map.Entry<Integer, String> unwritable = run("--access-log", access.toString());
        assertThat(unwritable.getKey()).isEqualTo(CommandLine.ExitCode.SOFTWARE);
        assertThat(unwritable.getValue()).isEqualTo("netty: --access-log: cannot write " + access + " (Not a directory)"
                + System.lineSeparator());

        Map.Entry<Integer, String> emptyQueue = run("--log-queue-size", "0");
        assertThat(emptyQueue.getKey()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(emptyQueue.getValue()).startsWith("--log-queue-size: 0 (expected: >= 1)" + System.lineSeparator());
        NettyTestUtil.awaitNoServerThreads("no event loop left behind");
    }

    /** Runs the command as the CLI would, for options that must fail before it serves; its exit code and stderr. */
    private static Map.Entry<Integer, String> run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new NettyServerCommand()).setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("--port", "0", "--metrics-port", "-1"));
        all.addAll(List.of(args));
        int exit = cli.execute(all.toArray(String[]::new));
        return Map.entry(exit, err.toString());
    }
}
