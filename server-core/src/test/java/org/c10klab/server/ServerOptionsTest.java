package org.c10klab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code --max-client-buffer-bytes}: its default follows the heap, its range is checked. */
class ServerOptionsTest {

    @Command(name = "server")
    static final class Server {
        @Mixin
        ServerOptions options;
    }

    @Test
    void theDefaultBudgetIsAQuarterOfTheMaxHeap() {
        assertThat(parse().clientBufferBudget().maxBytes()).isEqualTo(Runtime.getRuntime().maxMemory() / 4);
    }

    @Test
    void zeroTurnsTheLimitOffAndAnyValueFromTheMinimumIsTaken() {
        assertThat(parse("--max-client-buffer-bytes", "0").clientBufferBudget().maxBytes()).isZero();
        assertThat(parse("--max-client-buffer-bytes", "65536").clientBufferBudget().maxBytes()).isEqualTo(65536);
        assertThat(parse("--max-client-buffer-bytes", "1099511627776").clientBufferBudget().maxBytes())
                .as("more than the heap: effectively off, but counted").isEqualTo(1L << 40);
    }

    @Test
    void aBudgetBelowOneInlineCommandOrNegativeIsRefusedNamingTheOption() {
        assertThatThrownBy(() -> parse("--max-client-buffer-bytes", "65535").clientBufferBudget())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--max-client-buffer-bytes: 65535 (expected: 0 for no limit, or >= 65536)");
        assertThatThrownBy(() -> parse("--max-client-buffer-bytes", "-1").clientBufferBudget())
                .hasMessageStartingWith("--max-client-buffer-bytes: -1 ");
    }

    private static ServerOptions parse(String... args) {
        Server server = new Server();
        new CommandLine(server).parseArgs(args);
        return server.options;
    }
}
