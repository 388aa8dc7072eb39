package org.c10klab.protocol.resp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.c10klab.protocol.ProtocolTestUtil.assertNothingLeftOver;
import static org.c10klab.protocol.ProtocolTestUtil.byteByByte;
import static org.c10klab.protocol.ProtocolTestUtil.bytes;
import static org.c10klab.protocol.ProtocolTestUtil.decodeChunks;
import static org.c10klab.protocol.ProtocolTestUtil.encodeRequest;
import static org.c10klab.protocol.ProtocolTestUtil.splitAt;
import static org.c10klab.protocol.ProtocolTestUtil.whole;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.c10klab.protocol.ProtocolLimits;
import org.c10klab.protocol.ProtocolTestUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link RespRequestDecoder} reads the same commands from a frame fed whole, byte by byte, or split anywhere. */
class RespRequestDecoderTest {

    static Stream<Arguments> frames() {
        return Stream.of(
                frame("*1\r\n$4\r\nPING\r\n", RespCommand.of("PING")),
                frame("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nvalue\r\n", RespCommand.of("SET", "k", "value")),
                frame("*2\r\n$4\r\nECHO\r\n$0\r\n\r\n", RespCommand.of("ECHO", "")),
                frame("*2\r\n$4\r\nECHO\r\n$6\r\n\r\n$1\r\n\r\n", RespCommand.of("ECHO", "\r\n$1\r\n")),
                frame("*1\r\n$0\r\n\r\n", RespCommand.of("")),
                frame("*0\r\n*1\r\n$4\r\nPING\r\n", RespCommand.of("PING")),
                frame("PING\r\n", RespCommand.of("PING")),
                frame("PING\n", RespCommand.of("PING")),
                frame("ping hello\r\n", RespCommand.of("ping", "hello")),
                frame("SET  k \t v\r\n", RespCommand.of("SET", "k", "v")),
                frame("\t ECHO\thi  \r\n", RespCommand.of("ECHO", "hi")),
                frame("\r\n\n \r\nPING\r\n", RespCommand.of("PING")),
                frame("$5\r\n", RespCommand.of("$5")),
                frame("PING\r\n*2\r\n$3\r\nGET\r\n$1\r\nk\r\nECHO x\nQUIT\r\n",
                        RespCommand.of("PING"), RespCommand.of("GET", "k"), RespCommand.of("ECHO", "x"),
                        RespCommand.of("QUIT")));
    }

    private static Arguments frame(String wire, RespCommand... expected) {
        return Arguments.of(ProtocolTestUtil.show(bytes(wire)), bytes(wire), List.of(expected));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("frames")
    void wholeFrame(String shown, byte[] wire, List<RespCommand> expected) {
        RespRequestDecoder decoder = new RespRequestDecoder(ProtocolLimits.DEFAULTS);
        assertThat(decodeChunks(decoder, whole(wire))).isEqualTo(expected);
        assertNothingLeftOver(decoder);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("frames")
    void byteByByteFrame(String shown, byte[] wire, List<RespCommand> expected) {
        RespRequestDecoder decoder = new RespRequestDecoder(ProtocolLimits.DEFAULTS);
        assertThat(decodeChunks(decoder, byteByByte(wire))).isEqualTo(expected);
        assertNothingLeftOver(decoder);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("frames")
    void frameSplitAtEveryBoundary(String shown, byte[] wire, List<RespCommand> expected) {
        for (int cut = 0; cut <= wire.length; cut++) {
            RespRequestDecoder decoder = new RespRequestDecoder(ProtocolLimits.DEFAULTS);
            assertThat(decodeChunks(decoder, splitAt(wire, cut))).as("cut at %d", cut).isEqualTo(expected);
            assertNothingLeftOver(decoder);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("frames")
    void frameSplitAtEveryPairOfBoundaries(String shown, byte[] wire, List<RespCommand> expected) {
        for (int first = 0; first <= wire.length; first++) {
            for (int second = first; second <= wire.length; second++) {
                RespRequestDecoder decoder = new RespRequestDecoder(ProtocolLimits.DEFAULTS);
                List<byte[]> chunks = List.of(Arrays.copyOfRange(wire, 0, first),
                        Arrays.copyOfRange(wire, first, second), Arrays.copyOfRange(wire, second, wire.length));
                assertThat(decodeChunks(decoder, chunks)).as("cuts at %d, %d", first, second).isEqualTo(expected);
                assertNothingLeftOver(decoder);
            }
        }
    }

    @Test
    void returnsEachCommandAsSoonAsItIsCompleteAndLeavesTheRestUnread() {
        byte[] first = bytes("*1\r\n$4\r\nPING\r\n");
        byte[] wire = ProtocolTestUtil.concat(List.of(first, bytes("ECHO a\r\n")));
        RespRequestDecoder decoder = new RespRequestDecoder(ProtocolLimits.DEFAULTS);
        ByteBuffer in = ByteBuffer.wrap(wire);
        assertThat(decoder.decode(in)).isEqualTo(RespCommand.of("PING"));
        assertThat(in.position()).isEqualTo(first.length);
        assertThat(decoder.decode(in)).isEqualTo(RespCommand.of("ECHO", "a"));
        assertThat(in.hasRemaining()).isFalse();
        assertThat(decoder.decode(in)).isNull();
        assertNothingLeftOver(decoder);
    }

    /** What a server's request timeout relies on: partial from a request's first byte to its last, idle between requests. */
    @ParameterizedTest
    @ValueSource(strings = {"*2\r\n$4\r\nECHO\r\n$2\r\nhi\r\n", "*1\r\n$0\r\n\r\n", "PING\r\n", "GET k\n"})
    void aRequestIsPartialFromItsFirstByteUntilItIsComplete(String request) {
        byte[] wire = bytes(request);
        RespRequestDecoder decoder = new RespRequestDecoder(ProtocolLimits.DEFAULTS);
        for (int round = 0; round < 2; round++) {
            assertThat(decoder.hasPartialRequest()).as("between requests").isFalse();
            for (int i = 0; i < wire.length - 1; i++) {
                assertThat(decoder.decode(ByteBuffer.wrap(wire, i, 1))).isNull();
                assertThat(decoder.hasPartialRequest()).as("after %d of %d bytes", i + 1, wire.length).isTrue();
            }
            assertThat(decoder.decode(ByteBuffer.wrap(wire, wire.length - 1, 1))).isNotNull();
        }
        assertThat(decoder.hasPartialRequest()).isFalse();
    }

    @Test
    void resetForgetsAPartialCommand() {
        RespRequestDecoder decoder = new RespRequestDecoder(ProtocolLimits.DEFAULTS);
        assertThat(decoder.decode(ByteBuffer.wrap(bytes("*3\r\n$3\r\nSET\r\n$1")))).isNull();
        decoder.reset();
        assertThat(decoder.hasPartialRequest()).isFalse();
        assertNothingLeftOver(decoder);
    }

    @Test
    void emptyLinesAloneYieldNothing() {
        RespRequestDecoder decoder = new RespRequestDecoder(ProtocolLimits.DEFAULTS);
        assertThat(decodeChunks(decoder, whole(bytes("\r\n\n \t\r\n*0\r\n")))).isEmpty();
        assertNothingLeftOver(decoder);
    }

    @Test
    void aPipelineOfManyCommandsInOneBufferDecodesInOrder() {
        List<RespCommand> sent = new ArrayList<>();
        List<byte[]> parts = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            RespCommand command = switch (i % 4) {
                case 0 -> RespCommand.of("SET", "key:" + i, "value:" + i);
                case 1 -> RespCommand.of("GET", "key:" + i);
                case 2 -> RespCommand.of("PING");
                default -> RespCommand.of("DEL", "a", "b", "c" + i);
            };
            sent.add(command);
            parts.add(i % 10 == 2 ? bytes(String.join(" ", command.texts()) + "\r\n") : encodeRequest(command));
        }
        byte[] wire = ProtocolTestUtil.concat(parts);
        assertThat(decodeChunks(whole(wire))).isEqualTo(sent);
        assertThat(decodeChunks(ProtocolTestUtil.splitRandomly(wire, new Random(7), 100))).isEqualTo(sent);
    }

    @Test
    void aBulkArgumentIsItsOwnCopy() {
        byte[] wire = bytes("*2\r\n$4\r\nECHO\r\n$3\r\nabc\r\n");
        RespCommand command = decodeChunks(whole(wire)).getFirst();
        Arrays.fill(wire, (byte) 'x');
        assertThat(command).isEqualTo(RespCommand.of("ECHO", "abc"));
    }
}
