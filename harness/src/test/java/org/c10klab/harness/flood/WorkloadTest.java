package org.c10klab.harness.flood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Commands, weights and payloads as typed, and the bytes they become. */
class WorkloadTest {

    @Test
    void parsesWeightsAndQuotedWords() {
        assertThat(CommandSpec.parse("GET k:weight=9")).isEqualTo(new CommandSpec("GET k", 9));
        assertThat(CommandSpec.parse("SLEEP 100")).isEqualTo(new CommandSpec("SLEEP 100", 1));
        assertThat(CommandSpec.parse("SET k \"two words\"").words()).containsExactly("SET", "k", "two words");
    }

    @Test
    void rejectsEmptyCommandsAndZeroWeights() {
        assertThatThrownBy(() -> CommandSpec.parse("  ")).hasMessageContaining("empty command");
        assertThatThrownBy(() -> CommandSpec.parse("GET k:weight=0")).hasMessageContaining("(expected: >= 1)");
    }

    @Test
    void encodesRespArraysAndKeepsTheMixExact() {
        Workload workload = Workload.resp(List.of(CommandSpec.parse("GET k:weight=9"), CommandSpec.parse("SET k v")));

        int gets = 0;
        for (long sequence = 0; sequence < 1000; sequence++) {
            String request = new String(workload.request(sequence), StandardCharsets.UTF_8);
            if (request.equals("*2\r\n$3\r\nGET\r\n$1\r\nk\r\n")) {
                gets++;
            } else {
                assertThat(request).isEqualTo("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n");
            }
        }
        assertThat(gets).isEqualTo(900);
    }

    @Test
    void decodesPayloadEscapes() {
        assertThat(PayloadText.decode("hello\\n")).isEqualTo("hello\n".getBytes(StandardCharsets.UTF_8));
        assertThat(PayloadText.decode("a\\r\\n\\t\\\\")).isEqualTo("a\r\n\t\\".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> PayloadText.decode("x\\q")).hasMessageContaining("unknown escape \\q");
        assertThatThrownBy(() -> PayloadText.decode("x\\")).hasMessageContaining("lone backslash");
    }
}
