package org.c10klab.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import org.c10klab.netty.NettyTestUtil.TestServer;
import org.c10klab.server.testing.RawRespClient;
import org.c10klab.server.transport.NettyTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

/** Every transport this machine offers serves the protocol; an unknown one is a usage error. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class NettyTransportTest {

    @ParameterizedTest
    @EnumSource(NettyTransport.class)
    void eachAvailableTransportServesPingsAndOrderedPipelines(NettyTransport transport) throws Exception {
        assumeAvailable(transport);
        try (TestServer server = NettyTestUtil.start("--transport", transport.cliName());
             RawRespClient client = server.connect()) {
            assertThat(client.call("PING\r\n")).isEqualTo("+PONG\r\n");
            assertThat(NettyTestUtil.infoField(client.call("INFO\r\n"), "transport")).isEqualTo(transport.cliName());

            client.send("SLEEP 100\r\nPING\r\n");
            assertThat(client.readReply()).isEqualTo("+OK\r\n");
            assertThat(client.readReply()).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    void theCommandLineRejectsAnUnknownTransportWithUsageNotAStackTrace() {
        StringWriter err = new StringWriter();
        int exitCode = new CommandLine(new NettyServerCommand()).setErr(new PrintWriter(err))
                .execute("--port", "0", "--metrics-port", "-1", "--transport", "kqueue");

        assertThat(exitCode).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).startsWith("unknown transport 'kqueue'").contains("Usage: netty");
    }

    @Test
    void reusePortLetsSeveralServersListenOnOnePort() throws Exception {
        try (TestServer first = NettyTestUtil.start("--reuse-port")) {
            String port = Integer.toString(first.address().getPort());
            assertThatThrownBy(() -> NettyTestUtil.start("--port", port)).as("without SO_REUSEPORT the port is taken")
                    .isInstanceOf(IOException.class).hasMessageContaining("cannot listen");
            TestServer second = NettyTestUtil.start("--reuse-port", "--port", port);
            try (second) {
                first.close();
                try (RawRespClient client = second.connect()) {
                    assertThat(client.call("PING\r\n")).as("the second listener took over the port").isEqualTo("+PONG\r\n");
                }
            }
        }
    }

    @Test
    void reusePortOnNioIsAUsageError() {
        StringWriter err = new StringWriter();
        int exitCode = new CommandLine(new NettyServerCommand()).setErr(new PrintWriter(err))
                .execute("--port", "0", "--metrics-port", "-1", "--transport", "nio", "--reuse-port");

        assertThat(exitCode).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).startsWith("--reuse-port is not supported on the nio transport");
    }

    private static void assumeAvailable(NettyTransport transport) {
        assumeTrue(transport.isAvailable(), () -> transport.cliName() + " is unavailable here: " + transport.unavailabilityCause());
    }
}
