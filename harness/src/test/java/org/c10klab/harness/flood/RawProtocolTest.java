package org.c10klab.harness.flood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.c10klab.harness.FloodTestUtil.flood;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.c10klab.harness.ScriptedServer;
import org.c10klab.harness.result.FloodResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code --protocol raw} referees a server that does not speak RESP, like a plain socket echo server. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RawProtocolTest {

    @Test
    void echoServerAnswersEveryPayload() throws IOException {
        try (ScriptedServer echo = new ScriptedServer(ScriptedServer.echo())) {
            FloodResult result = flood("--target", echo.target(), "--protocol", "raw", "--payload", "hello\\n",
                    "-c", "5", "-n", "4");

            assertThat(result.requests().count(Outcome.OK)).isEqualTo(20);
            assertThat(result.requests().failures()).isZero();
            assertThat(echo.requests()).isEqualTo(20);
        }
    }

    @Test
    void reconnectingClientsLikeTheLabs() throws IOException {
        try (ScriptedServer echo = new ScriptedServer(ScriptedServer.echo())) {
            FloodResult result = flood("--target", echo.target(), "--protocol", "raw", "-c", "3", "-n", "4",
                    "--reconnect");

            assertThat(result.connections().count(Outcome.OK)).isEqualTo(12);
            assertThat(result.requests().count(Outcome.OK)).isEqualTo(12);
        }
    }

    @Test
    void rawBytesAreNeverAProtocolError() throws IOException {
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.reply("not RESP at all\n"))) {
            FloodResult result = flood("--target", server.target(), "--protocol", "raw", "-c", "2", "-n", "3");

            assertThat(result.requests().count(Outcome.OK)).isEqualTo(6);
        }
    }

    @Test
    void silenceIsStillAResponseTimeout() throws IOException {
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.neverReply())) {
            FloodResult result = flood("--target", server.target(), "--protocol", "raw", "-c", "2",
                    "--response-timeout", "200ms");

            assertThat(result.requests().count(Outcome.RESPONSE_TIMEOUT)).isEqualTo(2);
        }
    }
}
