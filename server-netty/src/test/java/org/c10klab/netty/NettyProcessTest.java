package org.c10klab.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.c10klab.netty.NettyTestUtil.ChildServer;
import org.c10klab.server.ListeningLine;
import org.c10klab.server.testing.RawRespClient;
import org.c10klab.server.testing.ServerStates;
import org.c10klab.server.transport.NettyTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The server as the harness runs it: a child JVM started from the command line, scraped, and stopped by a signal. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NettyProcessTest {

    /** Enough for the JVM's own descriptors (about 100 here, mostly jars) and a few dozen connections. */
    private static final int OPEN_FILE_LIMIT = 160;

    @Test
    void sigtermAnswersTheInFlightSleepThenExitsZero() throws Exception {
        try (ChildServer child = new ChildServer(0, "--metrics-port", "0"); RawRespClient client = child.connect()) {
            ListeningLine listening = child.listening();
            assertThat(listening.model()).isEqualTo("netty");
            assertThat(listening.pid()).isEqualTo(child.process().pid());
            assertThat(listening.backlog()).as("min(default backlog, somaxconn)").isEqualTo(somaxconn());
            assertThat(client.call("PING\r\n")).isEqualTo("+PONG\r\n");
            assertThat(child.httpGet("/health")).isEqualTo("UP\n");
            assertThat(child.httpGet("/metrics")).contains("server_connections_active{model=\"netty\"} 1")
                    .containsPattern("server_commands_seconds_count\\{command=\"PING\",model=\"netty\"} 1");

            client.send("SLEEP 2000\r\n");
            try (RawRespClient observer = child.connect()) {
                // 2 in flight: the SLEEP and this INFO.
                ServerStates.awaitInfo(observer, info -> NettyTestUtil.infoField(info, "requests_in_flight").equals("2"));
            }
            child.terminate();

            assertThat(client.readReply()).isEqualTo("+OK\r\n");
            assertThat(child.waitForExit()).isZero();
            assertThat(child.stderr()).startsWith("netty transport: ");
        }
    }

    @ParameterizedTest
    @EnumSource(NettyTransport.class)
    void runningOutOfFileDescriptorsPausesAcceptingWithoutSpinningAndRecovers(NettyTransport transport)
            throws Exception {
        assumeTrue(transport.isAvailable(), () -> transport.cliName() + " is unavailable here: " + transport.unavailabilityCause());
        List<RawRespClient> served = new ArrayList<>();
        List<RawRespClient> waiting = new ArrayList<>();
        try (ChildServer child = new ChildServer(OPEN_FILE_LIMIT, "--metrics-port", "-1", "--transport", transport.cliName());
             RawRespClient observer = child.connect()) {
            assertThat(observer.call("PING\r\n")).isEqualTo("+PONG\r\n");
            long start = System.nanoTime();
            while (waiting.isEmpty()) {
                String before = observer.call("INFO\r\n");
                RawRespClient client = child.connect();
                client.send("PING\r\n");
                // The server either accepts it (counted in connections_total) or finds no descriptor free
                // for it (counted as an accept error).
                String after = ServerStates.awaitInfo(observer, info -> accepted(info) > accepted(before)
                        || acceptErrors(info) > acceptErrors(before));
                if (accepted(after) > accepted(before)) {
                    assertThat(client.readReply()).isEqualTo("+PONG\r\n");
                    served.add(client);
                } else {
                    waiting.add(client);
                }
                assertThat(served).as("connections served under ulimit -n %d", OPEN_FILE_LIMIT).hasSizeLessThan(OPEN_FILE_LIMIT);
            }
            for (int i = 0; i < 4; i++) {
                waiting.add(child.connect());
                waiting.getLast().send("PING\r\n");
            }

            assertThat(observer.call("PING\r\n")).as("an accepted connection carries on").isEqualTo("+PONG\r\n");
            Duration cpuBefore = child.cpuTime();
            long acceptErrorsBefore = acceptErrors(observer.call("INFO\r\n"));
            Thread.sleep(1000); // not a synchronisation: the window the CPU is measured over
            assertThat(child.cpuTime().minus(cpuBefore)).as("CPU used in 1 s of failing accepts").isLessThan(Duration.ofMillis(500));
            assertThat(acceptErrors(observer.call("INFO\r\n"))).as("accepts failed during that second")
                    .isGreaterThan(acceptErrorsBefore);

            for (int i = 0; i < waiting.size() + 2; i++) {
                served.removeFirst().close();
            }
            for (RawRespClient client : waiting) {
                assertThat(client.readReply()).as("answered once descriptors are free").isEqualTo("+PONG\r\n");
            }

            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) + 1;
            assertThat(child.stderr().lines().filter(line -> line.contains("accept failed")))
                    .as("accept errors are logged at most once per second").hasSizeBetween(1, (int) seconds + 1);
            child.terminate();
            assertThat(child.waitForExit()).isZero();
        } finally {
            for (RawRespClient client : served) {
                client.close();
            }
            for (RawRespClient client : waiting) {
                client.close();
            }
        }
    }

    private static long accepted(String info) {
        return Long.parseLong(NettyTestUtil.infoField(info, "connections_total"));
    }

    /** The {@code accept_error} count among INFO's rejections, e.g. 3 in {@code accept_error=3,idle_timeout=1}. */
    private static long acceptErrors(String info) {
        for (String reason : NettyTestUtil.infoField(info, "connections_rejected").split(",")) {
            if (reason.startsWith("accept_error=")) {
                return Long.parseLong(reason.substring("accept_error=".length()));
            }
        }
        return 0;
    }

    private static int somaxconn() throws Exception {
        return Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/core/somaxconn")).getFirst().trim());
    }
}
