package org.c10klab.balancer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** Bad options are refused before anything listens, with a message that names the option and what it accepts. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class BalancerOptionsTest {

    @ParameterizedTest
    // Double quotes, so an expected message may start with the single quotes picocli puts around a value.
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "--backends 127.0.0.1:7391 --fall 0               | --fall: 0 (expected: >= 1)",
        "--backends 127.0.0.1:7391 --rise -1              | --rise: -1 (expected: >= 1)",
        "--backends 127.0.0.1:7391 --health-interval 0    | --health-interval: 0ms (expected: > 0)",
        "--backends 127.0.0.1:7391 --health-timeout 0     | --health-timeout: 0ms (expected: > 0)",
        "--backends 127.0.0.1:7391 --server-timeout 25h   | --server-timeout: 25h (expected: 0 = off, or up to 24h)",
        "--backends 127.0.0.1:7391 --server-timeout -1s   | '--server-timeout': cannot convert '-1s' to Duration (java.lang.IllegalArgumentException: '-1s' is not a duration (expected e.g. 500ms, 2s, 1m))",
        "--backends 127.0.0.1:7391 --server-timeout soon  | '--server-timeout': cannot convert 'soon' to Duration (java.lang.IllegalArgumentException: 'soon' is not a duration (expected e.g. 500ms, 2s, 1m))",
        "--backends 127.0.0.1:7391 --server-timeout 30    | '--server-timeout': cannot convert '30' to Duration (java.lang.IllegalArgumentException: '30' needs a unit (expected e.g. 500ms, 2s, 1m))",
        "--backends 127.0.0.1:7391 --strategy random      | --strategy: unknown strategy 'random' (expected: round-robin, least-connections)",
        "--backends localhost                             | --backends: 'localhost' is not HOST:PORT (e.g. 127.0.0.1:7379)",
        "--backends 127.0.0.1:http                        | --backends: '127.0.0.1:http': port is not a number",
        "--backends 127.0.0.1:70000                       | --backends: '127.0.0.1:70000': port 70000 (expected: 1..65535)",
        "--backends 127.0.0.1:7391,127.0.0.1:7391         | --backends: 127.0.0.1:7391 is listed twice",
        "--backends 10.1.2.3:7379                         | --backends: refusing to relay clients to 10.1.2.3:7379: it is not a loopback address",
        "--bind 127.0.0.1                                 | Missing required option: '--backends=HOST:PORT'",
    })
    void badOptionsAreRefusedWithAClearMessage(String args, String message) {
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new BalancerCommand())
                .setErr(new PrintWriter(err, true))
                .execute(("--port 0 --metrics-port -1 " + args.trim()).split(" "));

        assertThat(exit).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains(message);
    }

    @Test
    void aNegativeServerTimeoutSetInCodeIsRefused() {
        // The command line cannot spell one (the converter takes digits only); code that builds options can.
        BalancerOptions options = new BalancerOptions();
        options.backends.add("127.0.0.1:7391");
        options.serverTimeout = Duration.ofSeconds(-1);

        assertThatThrownBy(options::validate).hasMessage("--server-timeout: -1s (expected: 0 = off, or up to 24h)");
    }

    @ParameterizedTest
    @CsvSource({"10.1.2.3:7379, 10.1.2.3", "[2001:db8::1]:7379, 2001:db8:0:0:0:0:0:1"})
    void aRemoteBackendIsAcceptedOnlyWithAllowRemote(String backend, String host) {
        BalancerOptions options = new BalancerOptions();
        options.backends.add(backend);
        assertThatThrownBy(options::validate).hasMessageContaining("not a loopback address")
                .hasMessageContaining("--allow-remote");

        options.allowRemote = true;

        assertThat(options.validate()).singleElement().satisfies(address -> {
            assertThat(address.getAddress().getHostAddress()).isEqualTo(host);
            assertThat(address.getPort()).isEqualTo(7379);
        });
    }
}
