package org.c10klab.server.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.c10klab.protocol.resp.ErrorReply;
import org.c10klab.protocol.resp.SimpleString;
import org.c10klab.server.observe.MeterNames;
import org.c10klab.server.observe.ServerMetrics;
import org.c10klab.server.testing.AccessLogLines;
import org.c10klab.server.testing.TemporaryLogLevel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The access-log format, the process's server log, the drop meters and every option error, without a server. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ServerLoggingTest {

    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 50312);

    @TempDir
    Path dir;

    private final ServerMetrics metrics = new ServerMetrics("netty");

    @AfterEach
    void closeMetrics() {
        metrics.close();
    }

    @Test
    void everyConnectionEventIsOneKeyValueLine() throws IOException {
        Path file = dir.resolve("access.log");
        try (ServerLogging logging = ServerLogging.start(options(file, true), metrics)) {
            ConnectionLog connection = logging.accessLog().opened(CLIENT);
            connection.answered(metrics.reportedCommand("PING"), SimpleString.PONG, 42_000);
            connection.answered(metrics.reportedCommand("nosuch"), ErrorReply.err("unknown command 'nosuch'"), 1_500);
            connection.protocolError("expected '$', got 'x'");
            connection.closed();
            logging.accessLog().opened(CLIENT).rejected(MeterNames.REASON_IDLE);
            logging.accessLog().acceptFailed("Too many open files");
        }

        List<String> text = Files.readAllLines(file);
        assertThat(text).allMatch(line -> line.matches("ts=\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z event=\\w+ .*"));
        List<Map<String, String>> lines = AccessLogLines.parse(text).all();
        assertThat(lines).hasSize(8);
        assertThat(lines.get(0)).containsEntry("event", "open").containsEntry("conn", "1")
                .containsEntry("remote", "127.0.0.1:50312");
        assertThat(lines.get(1)).containsEntry("event", "request").containsEntry("conn", "1")
                .containsEntry("command", "PING").containsEntry("reply", "ok").containsEntry("latency_us", "42");
        assertThat(lines.get(2)).as("an unknown name is not echoed").containsEntry("command", "OTHER")
                .containsEntry("reply", "error").containsEntry("latency_us", "1");
        assertThat(lines.get(3)).containsEntry("event", "reject").containsEntry("reason", "protocol_error")
                .containsEntry("error", "expected '$', got 'x'");
        assertThat(lines.get(4)).containsEntry("event", "close").containsEntry("conn", "1")
                .containsEntry("requests", "2").containsKey("duration_ms");
        assertThat(lines.get(4).get("duration_ms")).matches("\\d+\\.\\d");
        assertThat(lines.get(5)).containsEntry("event", "open").containsEntry("conn", "2");
        assertThat(lines.get(6)).containsEntry("event", "reject").containsEntry("conn", "2")
                .containsEntry("reason", "idle_timeout");
        assertThat(lines.get(7)).containsEntry("event", "reject").containsEntry("reason", "accept_error")
                .containsEntry("error", "Too many open files").doesNotContainKey("conn");
    }

    @Test
    void hostileTextCannotForgeAFieldOrALine() throws IOException {
        Path file = dir.resolve("access.log");
        String hostile = "bad\" event=open\r\nts=x event=close \\";
        try (ServerLogging logging = ServerLogging.start(options(file, false), metrics)) {
            logging.accessLog().opened(CLIENT).protocolError(hostile);
        }

        List<String> text = Files.readAllLines(file);
        assertThat(text).hasSize(2);
        assertThat(AccessLogLines.parse(text).all().get(1)).containsEntry("event", "reject").containsEntry("error", hostile);
    }

    @Test
    void withoutRequestLinesRequestsAreStillCounted() throws IOException {
        Path file = dir.resolve("access.log");
        try (ServerLogging logging = ServerLogging.start(options(file, false), metrics)) {
            ConnectionLog connection = logging.accessLog().opened(CLIENT);
            for (int i = 0; i < 3; i++) {
                connection.answered(metrics.reportedCommand("PING"), SimpleString.PONG, 1_000);
            }
            connection.closed();
        }

        AccessLogLines lines = AccessLogLines.read(file);
        assertThat(lines.events("request")).isEmpty();
        assertThat(lines.events("close")).singleElement().extracting(line -> line.get("requests")).isEqualTo("3");
    }

    @Test
    void offWritesNothingAndHandsOutOneSharedConnectionLog() throws IOException {
        try (ServerLogging logging = ServerLogging.start(new LoggingOptions(), metrics)) {
            assertThat(logging.accessLog()).isSameAs(AccessLog.OFF);
            assertThat(logging.accessLog().opened(CLIENT)).isSameAs(ConnectionLog.OFF);
            assertThat(metrics.scrape()).contains("server_log_dropped_total{log=\"access\",model=\"netty\"} 0.0",
                    "server_log_dropped_total{log=\"server\",model=\"netty\"} 0.0");
        }
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void theLogFileGetsServerEventsWhileAServerRunsAndOnlyThen() throws IOException {
        Path file = dir.resolve("server.log");
        try (TemporaryLogLevel startAndStop = TemporaryLogLevel.info(ServerLogging.class)) {
            LoggingOptions options = new LoggingOptions();
            options.logFile = file;
            try (ServerLogging logging = ServerLogging.start(options, metrics)) {
                logging.started("netty", new InetSocketAddress("127.0.0.1", 7379), 4096);
                LoggerFactory.getLogger("org.c10klab.somewhere").warn("an accept error");
                LoggerFactory.getLogger("io.netty.somewhere").warn("a Netty warning");
            }
            LoggerFactory.getLogger("org.c10klab.somewhere").warn("after the stop, to stderr as configured");
        }

        assertThat(Files.readString(file))
                .contains("INFO  o.c.s.l.ServerLogging - netty server on 127.0.0.1:7379 started (backlog 4096, access log off)")
                .contains("WARN  o.c10klab.somewhere - an accept error", "a Netty warning")
                .containsPattern("netty server on 127.0.0.1:7379 stopped after [\\d.]+ s: 0 connections accepted "
                        + "\\(process peak RSS [1-9]\\d* MiB, peak Java threads [1-9]\\d*\\)")
                .doesNotContain("after the stop");
        assertThat(((Logger) LoggerFactory.getLogger("org.c10klab")).isAdditive()).as("restored").isTrue();
        assertThat(((Logger) LoggerFactory.getLogger("io.netty")).isAdditive()).as("restored").isTrue();
    }

    @Test
    void serversInOneJvmKeepTheirOwnAccessLogsAndShareTheServerLog() throws IOException {
        Path first = dir.resolve("first.log");
        Path second = dir.resolve("second.log");
        try (ServerMetrics otherMetrics = new ServerMetrics("virtual");
                ServerLogging one = ServerLogging.start(options(first, false), metrics)) {
            ServerLogging two = ServerLogging.start(options(second, false), otherMetrics);
            two.accessLog().opened(CLIENT).closed();
            assertThatThrownBy(() -> ServerLogging.start(options(second, false), new ServerMetrics("serial")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("--access-log: " + second + " (already another server's access log in this JVM)");
            LoggingOptions otherLogFile = new LoggingOptions();
            otherLogFile.logFile = dir.resolve("server.log");
            assertThatThrownBy(() -> ServerLogging.start(otherLogFile, new ServerMetrics("serial")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("--log-file: " + otherLogFile.logFile
                            + " (this JVM's server log already goes to stderr");
            two.close();

            one.accessLog().opened(CLIENT).closed(); // stopping the other left this one working
        }

        assertThat(AccessLogLines.read(first).size()).isEqualTo(2);
        assertThat(AccessLogLines.read(second).size()).isEqualTo(2);
    }

    @Test
    void unwritableFilesFailWithOneLineNamingTheOption() throws IOException {
        Path notADirectory = Files.createFile(dir.resolve("plain-file"));
        assertThatThrownBy(() -> ServerLogging.start(options(notADirectory.resolve("access.log"), false), metrics))
                .isInstanceOf(IOException.class)
                .hasMessage("--access-log: cannot write " + notADirectory.resolve("access.log") + " (Not a directory)");
        LoggingOptions logFile = new LoggingOptions();
        logFile.logFile = dir;
        assertThatThrownBy(() -> ServerLogging.start(logFile, metrics))
                .isInstanceOf(IOException.class)
                .hasMessage("--log-file: cannot write " + dir + " (Is a directory)");

        assertThat(((Logger) LoggerFactory.getLogger("org.c10klab")).isAdditive()).as("nothing left installed").isTrue();
        try (ServerLogging retry = ServerLogging.start(options(dir.resolve("access.log"), false), metrics)) {
            assertThat(retry.accessLog().isOn()).isTrue();
        }
    }

    @Test
    void outOfRangeAndConflictingOptionsAreRefused() {
        LoggingOptions empty = new LoggingOptions();
        empty.queueSize = 0;
        assertThatThrownBy(() -> ServerLogging.start(empty, metrics)).hasMessage("--log-queue-size: 0 (expected: >= 1)");
        LoggingOptions huge = new LoggingOptions();
        huge.queueSize = LoggingOptions.MAX_QUEUE_SIZE + 1;
        assertThatThrownBy(huge::validate).hasMessage("--log-queue-size: 1048577 (expected: <= 1048576)");
        LoggingOptions alone = new LoggingOptions();
        alone.accessLogRequests = true;
        assertThatThrownBy(alone::validate).hasMessage("--access-log-requests needs --access-log FILE");
        LoggingOptions same = options(dir.resolve("one.log"), false);
        same.logFile = dir.resolve("one.log");
        assertThatThrownBy(() -> ServerLogging.start(same, metrics))
                .hasMessage("--access-log and --log-file: both " + dir.resolve("one.log") + " (expected: two different files)");
    }

    private static LoggingOptions options(Path accessLog, boolean requests) {
        LoggingOptions options = new LoggingOptions();
        options.accessLog = accessLog;
        options.accessLogRequests = requests;
        return options;
    }
}
