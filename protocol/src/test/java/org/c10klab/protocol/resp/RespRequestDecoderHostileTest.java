package org.c10klab.protocol.resp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.c10klab.protocol.ProtocolTestUtil.assertNothingLeftOver;
import static org.c10klab.protocol.ProtocolTestUtil.SMALL_LIMITS;
import static org.c10klab.protocol.ProtocolTestUtil.byteByByte;
import static org.c10klab.protocol.ProtocolTestUtil.bytes;
import static org.c10klab.protocol.ProtocolTestUtil.decodeChunks;
import static org.c10klab.protocol.ProtocolTestUtil.whole;
import static org.c10klab.protocol.ProtocolTestUtil.wire;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.c10klab.protocol.ProtocolLimits;
import org.c10klab.protocol.ProtocolTestUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every decoder limit crossed by one unit and every malformed frame gives its documented error and leaves the decoder idle. */
class RespRequestDecoderHostileTest {


    /** Input, then the {@code <why>} of {@code -ERR Protocol error: <why>}; decoded with {@link ProtocolTestUtil#SMALL_LIMITS}. */
    static Stream<Arguments> hostileInputs() {
        return Stream.of(
                // limits crossed by one: bulk 16, inline 32, arguments 4
                Arguments.of("*2\r\n$4\r\nECHO\r\n$17\r\n", "bulk length: 17 (expected: <= 16)"),
                Arguments.of("*5\r\n", "arguments: 5 (expected: <= 4)"),
                Arguments.of("a b c d e\r\n", "arguments: 5 (expected: <= 4)"),
                Arguments.of("a".repeat(33), "inline request length: 33 (expected: <= 32)"),
                Arguments.of("a".repeat(33) + "\n", "inline request length: 33 (expected: <= 32)"),
                Arguments.of("a".repeat(32) + "\rx", "inline request length: 34 (expected: <= 32)"),
                Arguments.of("*1\r\n$" + "1".repeat(21), "bulk length line: 21 (expected: <= 20)"),
                Arguments.of("*" + "1".repeat(21) + "\r\n", "multibulk length line: 21 (expected: <= 20)"),
                // non-numeric, negative, empty and overflowing lengths
                Arguments.of("*x\r\n", "invalid multibulk length"),
                Arguments.of("*1x\r\n", "invalid multibulk length"),
                Arguments.of("* 1\r\n", "invalid multibulk length"),
                Arguments.of("*\r\n", "invalid multibulk length"),
                Arguments.of("*-1\r\n", "invalid multibulk length"),
                Arguments.of("*18446744073709551617\r\n", "invalid multibulk length"),
                Arguments.of("*18446744073709551615\r\n", "invalid multibulk length"),
                Arguments.of("*1\r\n$x\r\n", "invalid bulk length"),
                Arguments.of("*1\r\n$-1\r\n", "invalid bulk length"),
                Arguments.of("*1\r\n$\r\n", "invalid bulk length"),
                Arguments.of("*1\r\n$18446744073709551620\r\nPING\r\n", "invalid bulk length"),
                Arguments.of("*1\r\n$18446744073709551615\r\n", "invalid bulk length"),
                // missing CR before the LF of a length line
                Arguments.of("*1\n", "invalid multibulk length (expected CRLF after the length)"),
                Arguments.of("*1\r\n$4\n", "invalid bulk length (expected CRLF after the length)"),
                // wrong bytes after bulk content
                Arguments.of("*1\r\n$4\r\nPINGxx", "expected CRLF after bulk string, got 'x'"),
                Arguments.of("*1\r\n$4\r\nPING\rx", "expected CRLF after bulk string, got 'x'"),
                Arguments.of("*1\r\n$4\r\nPING\n", "expected CRLF after bulk string, got '\\x0a'"),
                Arguments.of("*1\r\n$0\r\nx", "expected CRLF after bulk string, got 'x'"),
                // a wrong type inside the array: integer, simple string, nested array, inline text
                Arguments.of("*1\r\n:5\r\n", "expected '$', got ':'"),
                Arguments.of("*2\r\n$4\r\nECHO\r\n+hi\r\n", "expected '$', got '+'"),
                Arguments.of("*1\r\n*1\r\n$4\r\nPING\r\n", "expected '$', got '*'"),
                Arguments.of("*1\r\nPING\r\n", "expected '$', got 'P'"),
                Arguments.of("*1\r\n\u00ff", "expected '$', got '\\xc3'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileInputs")
    void wholeInputGivesTheDocumentedErrorAndLeavesTheDecoderIdle(String input, String why) {
        assertRejected(bytes(input), why, ProtocolTestUtil::whole);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileInputs")
    void byteByByteInputGivesTheSameError(String input, String why) {
        assertRejected(bytes(input), why, ProtocolTestUtil::byteByByte);
    }

    private static void assertRejected(byte[] input, String why, Function<byte[], List<byte[]>> chunking) {
        RespRequestDecoder decoder = new RespRequestDecoder(SMALL_LIMITS);
        ProtocolException e = catchThrowableOfType(ProtocolException.class,
                () -> decodeChunks(decoder, chunking.apply(input)));
        assertThat(e).as("rejection of %s", ProtocolTestUtil.show(input)).isNotNull();
        assertThat(e.getMessage()).isEqualTo(why);
        assertThat(wire(e.toReply())).isEqualTo("-ERR Protocol error: " + why + "\r\n");
        assertNothingLeftOver(decoder);
    }

    @Test
    void anOversizedBulkIsRefusedOnItsHeaderBeforeAnyBodyArrives() {
        RespRequestDecoder decoder = new RespRequestDecoder(SMALL_LIMITS);
        assertThat(decodeChunks(decoder, whole(bytes("*2\r\n$4\r\nECHO\r\n")))).isEmpty();
        assertThatThrownBy(() -> decodeChunks(decoder, byteByByte(bytes("$17\r\n"))))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("bulk length: 17 (expected: <= 16)");
    }

    @Test
    void everyLimitAcceptsItsExactValue() {
        String bulk16 = "0123456789abcdef";
        String inline32 = "ECHO " + "x".repeat(27);
        String wire = "*4\r\n$4\r\nECHO\r\n$16\r\n" + bulk16 + "\r\n$0\r\n\r\n$1\r\n1\r\n"
                + inline32 + "\r\n" + inline32 + "\n" + "a b c d\r\n";
        List<RespCommand> expected = List.of(RespCommand.of("ECHO", bulk16, "", "1"),
                RespCommand.of("ECHO", "x".repeat(27)), RespCommand.of("ECHO", "x".repeat(27)),
                RespCommand.of("a", "b", "c", "d"));
        for (List<byte[]> chunks : List.of(whole(bytes(wire)), byteByByte(bytes(wire)))) {
            RespRequestDecoder decoder = new RespRequestDecoder(SMALL_LIMITS);
            assertThat(decodeChunks(decoder, chunks)).isEqualTo(expected);
            assertNothingLeftOver(decoder);
        }
    }

    @Test
    void anInlineLineAtTheLimitWaitsForItsLineEnd() {
        RespRequestDecoder decoder = new RespRequestDecoder(SMALL_LIMITS);
        assertThat(decodeChunks(decoder, whole(bytes("a".repeat(32))))).isEmpty();
        assertThat(decodeChunks(decoder, whole(bytes("\r")))).isEmpty();
        assertThat(decodeChunks(decoder, whole(bytes("\n")))).containsExactly(RespCommand.of("a".repeat(32)));
    }

    @Test
    void aHeaderClaimingOneGigabyteIsRefusedWithoutAllocatingIt() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        RespRequestDecoder decoder = new RespRequestDecoder(ProtocolLimits.DEFAULTS);
        byte[] header = bytes("*2\r\n$3\r\nGET\r\n$1073741824\r\n");
        long before = threads.getCurrentThreadAllocatedBytes();
        ProtocolException e = catchThrowableOfType(ProtocolException.class, () -> decodeChunks(decoder, whole(header)));
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(e).hasMessage("bulk length: 1073741824 (expected: <= 1048576)");
        assertThat(allocated).as("bytes allocated while decoding the header").isLessThan(256 * 1024);
        assertNothingLeftOver(decoder);
    }

    @Test
    void anArrayHeaderClaimingABillionArgumentsIsRefusedOnTheHeader() {
        RespRequestDecoder decoder = new RespRequestDecoder(ProtocolLimits.DEFAULTS);
        assertThatThrownBy(() -> decodeChunks(decoder, whole(bytes("*1000000000\r\n"))))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("arguments: 1000000000 (expected: <= 1024)");
    }

    @Test
    void theDefaultLimitsAcceptTheirExactValues() {
        RespRequestDecoder decoder = new RespRequestDecoder(ProtocolLimits.DEFAULTS);
        byte[] value = new byte[ProtocolLimits.DEFAULT_MAX_BULK_BYTES];
        Arrays.fill(value, (byte) '\n');
        RespCommand big = new RespCommand(List.of(bytes("SET"), bytes("k"), value));
        assertThat(decodeChunks(decoder, whole(ProtocolTestUtil.encodeRequest(big)))).containsExactly(big);

        String[] words = new String[ProtocolLimits.DEFAULT_MAX_ARGUMENTS];
        Arrays.fill(words, "k");
        words[0] = "DEL";
        RespCommand many = RespCommand.of(words);
        assertThat(decodeChunks(decoder, whole(ProtocolTestUtil.encodeRequest(many)))).containsExactly(many);
        assertThatThrownBy(() -> decodeChunks(decoder, whole(bytes("*1025\r\n"))))
                .hasMessage("arguments: 1025 (expected: <= 1024)");
    }
}
