package org.c10klab.harness.flood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Commands, weights, keys, values and payloads as typed, and the bytes they become. */
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
        Workload workload = Workload.resp(List.of(CommandSpec.parse("GET k:weight=9"), CommandSpec.parse("SET k v")),
                KeysAndValues.NONE);
        RequestDraws draws = workload.newDraws();

        int gets = 0;
        for (long sequence = 0; sequence < 1000; sequence++) {
            String request = request(workload, sequence, draws);
            if (request.equals("*2\r\n$3\r\nGET\r\n$1\r\nk\r\n")) {
                gets++;
            } else {
                assertThat(request).isEqualTo("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n");
            }
        }
        assertThat(gets).isEqualTo(900);
    }

    @Test
    void sequentialKeysTouchEveryKeyOnceAcrossClientsAndValuesHaveTheirSize() {
        Workload workload = Workload.resp(List.of(CommandSpec.parse("SET __key__ __value__")),
                new KeysAndValues(500, KeyDistribution.parse("sequential"), ValueSize.parse("10"), 0));
        List<RequestDraws> clients = List.of(workload.newDraws(), workload.newDraws(), workload.newDraws());

        Set<String> keys = new HashSet<>();
        for (int sequence = 0; sequence < 1000; sequence++) {
            String request = request(workload, sequence, clients.get(sequence % clients.size()));
            assertThat(request).matches("\\*3\r\n\\$3\r\nSET\r\n\\$3\r\n\\d{3}\r\n\\$10\r\nx{10}\r\n");
            keys.add(request.substring(17, 20));
            if (sequence == 499) {
                assertThat(keys).as("the first 500 requests, 500 keys").hasSize(500);
            }
        }
        assertThat(keys).hasSize(500).contains("000", "499");
    }

    @Test
    void placeholdersInsideWordsAndValueRanges() {
        Workload workload = Workload.resp(List.of(CommandSpec.parse("SET user:__key__ v__value__")),
                new KeysAndValues(10, KeyDistribution.UNIFORM, ValueSize.parse("0-3"), 0));
        RequestDraws draws = workload.newDraws();

        Set<Integer> lengths = new HashSet<>();
        for (int sequence = 0; sequence < 400; sequence++) {
            String request = request(workload, sequence, draws);
            assertThat(request).startsWith("*3\r\n$3\r\nSET\r\n$6\r\nuser:").matches("(?s).*user:\\d\r\n.*");
            String value = request.substring(request.lastIndexOf("\r\nv") + 2, request.length() - 2);
            assertThat(request).contains("$" + value.length() + "\r\n" + value + "\r\n");
            lengths.add(value.length() - 1);
        }
        assertThat(lengths).containsExactlyInAnyOrder(0, 1, 2, 3);
    }

    @Test
    void zipfKeysAreSkewedTowardsTheFirst() {
        Workload workload = Workload.resp(List.of(CommandSpec.parse("GET __key__")),
                new KeysAndValues(1000, KeyDistribution.parse("zipf"), null, 0));
        RequestDraws draws = workload.newDraws();

        Map<String, Integer> counts = new HashMap<>();
        for (int sequence = 0; sequence < 10_000; sequence++) {
            counts.merge(request(workload, sequence, draws).substring(17, 20), 1, Integer::sum);
        }
        // Uniform would give key 000 about 10 of 10 000; zipf 0.99 over 1000 keys gives it about 1 300.
        assertThat(counts.get("000")).isGreaterThan(500);
        assertThat(counts.get("000")).isGreaterThan(counts.getOrDefault("999", 0) * 20);
    }

    @Test
    void readsDistributionsAndSizesAsTyped() {
        assertThat(KeyDistribution.parse("zipf").exponent()).isEqualTo(KeyDistribution.DEFAULT_ZIPF_EXPONENT);
        assertThat(KeyDistribution.parse("Zipf:1.2")).hasToString("zipf:1.2");
        assertThat(ValueSize.parse("100-1000")).isEqualTo(new ValueSize(100, 1000)).hasToString("100-1000");
        assertThatThrownBy(() -> KeyDistribution.parse("zipf:-1")).hasMessageContaining("expected");
        assertThatThrownBy(() -> KeyDistribution.parse("gauss")).hasMessageContaining("expected: uniform");
        assertThatThrownBy(() -> ValueSize.parse("10-5")).hasMessageContaining("MIN <= MAX");
        assertThatThrownBy(() -> ValueSize.parse("big")).hasMessageContaining("N or MIN-MAX");
    }

    @Test
    void decodesPayloadEscapes() {
        assertThat(PayloadText.decode("hello\\n")).isEqualTo("hello\n".getBytes(StandardCharsets.UTF_8));
        assertThat(PayloadText.decode("a\\r\\n\\t\\\\")).isEqualTo("a\r\n\t\\".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> PayloadText.decode("x\\q")).hasMessageContaining("unknown escape \\q");
        assertThatThrownBy(() -> PayloadText.decode("x\\")).hasMessageContaining("lone backslash");
    }

    private static String request(Workload workload, long sequence, RequestDraws draws) {
        ByteBuf request = UnpooledByteBufAllocator.DEFAULT.buffer();
        workload.appendRequest(workload.command(sequence), draws, request);
        try {
            return request.toString(StandardCharsets.UTF_8);
        } finally {
            request.release();
        }
    }
}
