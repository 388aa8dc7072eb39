package org.c10klab.protocol.resp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.c10klab.protocol.ProtocolTestUtil.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link RespEncoder} writes each RESP2 reply type byte for byte as Redis does. */
class RespEncoderTest {

    @Test
    void simpleString() {
        assertThat(wire(SimpleString.OK)).isEqualTo("+OK\r\n");
        assertThat(wire(new SimpleString(""))).isEqualTo("+\r\n");
    }

    @Test
    void error() {
        assertThat(wire(ErrorReply.err("boom"))).isEqualTo("-ERR boom\r\n");
        assertThat(wire(new ErrorReply("WRONGTYPE no"))).isEqualTo("-WRONGTYPE no\r\n");
    }

    @Test
    void integer() {
        assertThat(wire(new IntegerReply(0))).isEqualTo(":0\r\n");
        assertThat(wire(new IntegerReply(-42))).isEqualTo(":-42\r\n");
        assertThat(wire(new IntegerReply(Long.MAX_VALUE))).isEqualTo(":9223372036854775807\r\n");
        assertThat(wire(new IntegerReply(Long.MIN_VALUE))).isEqualTo(":-9223372036854775808\r\n");
    }

    @Test
    void bulkStringsIncludingNullAndEmpty() {
        assertThat(wire(BulkString.of("hello"))).isEqualTo("$5\r\nhello\r\n");
        assertThat(wire(BulkString.NULL)).isEqualTo("$-1\r\n");
        assertThat(wire(BulkString.EMPTY)).isEqualTo("$0\r\n\r\n");
        assertThat(wire(new BulkString(new byte[0]))).isEqualTo("$0\r\n\r\n");
    }

    @Test
    void bulkLengthCountsBytesNotChars() {
        assertThat(RespEncoder.encode(BulkString.of("\u00e9\r\n"))).containsExactly(
                '$', '4', '\r', '\n', (byte) 0xc3, (byte) 0xa9, '\r', '\n', '\r', '\n');
    }

    @Test
    void arraysEmptyNullAndNested() {
        assertThat(wire(RespArray.EMPTY)).isEqualTo("*0\r\n");
        assertThat(wire(new RespArray(null))).isEqualTo("*-1\r\n");
        assertThat(wire(RespArray.of(BulkString.of("a"), new IntegerReply(1))))
                .isEqualTo("*2\r\n$1\r\na\r\n:1\r\n");
        RespArray nested = RespArray.of(
                RespArray.of(SimpleString.OK, BulkString.NULL),
                RespArray.EMPTY,
                new RespArray(null),
                ErrorReply.err("x"));
        assertThat(wire(nested)).isEqualTo("*4\r\n*2\r\n+OK\r\n$-1\r\n*0\r\n*-1\r\n-ERR x\r\n");
    }

    @Test
    void lineTypesRefuseLineBreaks() {
        assertThatThrownBy(() -> new SimpleString("a\r\nb")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ErrorReply("ERR a\nb")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void valuesCompareByContent() {
        assertThat(new BulkString("ab".getBytes())).isEqualTo(BulkString.of("ab")).hasSameHashCodeAs(BulkString.of("ab"));
        assertThat(BulkString.NULL).isNotEqualTo(BulkString.EMPTY);
        assertThat(new RespArray(List.of(BulkString.of("x")))).isEqualTo(RespArray.of(BulkString.of("x")));
        assertThat(new RespArray(null)).isNotEqualTo(RespArray.EMPTY);
    }

    @Test
    void constantRepliesAreEncodedOnceAndShared() {
        for (RespValue constant : List.of(SimpleString.OK, SimpleString.PONG, BulkString.NULL, BulkString.EMPTY,
                RespArray.EMPTY)) {
            assertThat(RespEncoder.encode(constant)).as("%s", constant).isSameAs(RespEncoder.encode(constant));
        }
        assertThat(wire(new SimpleString("OK"))).as("an equal, not identical, value").isEqualTo("+OK\r\n");
    }

    @Test
    void writingToASinkGivesTheBytesEncodeDoes() {
        List<RespValue> replies = List.of(SimpleString.PONG, new SimpleString("QUEUED"), ErrorReply.err("boom"),
                new IntegerReply(7), new IntegerReply(Long.MIN_VALUE), BulkString.of("hello"), BulkString.NULL,
                RespArray.of(BulkString.of("save"), BulkString.EMPTY), new RespArray(null));
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        RespSink sink = new RespSink() {
            @Override
            public void writeByte(int value) {
                all.write(value);
            }

            @Override
            public void writeBytes(byte[] bytes) {
                all.writeBytes(bytes);
            }
        };
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (RespValue reply : replies) {
            RespEncoder.write(reply, sink);
            expected.writeBytes(RespEncoder.encode(reply));
        }
        assertThat(all.toByteArray()).isEqualTo(expected.toByteArray());
        assertThat(all.toString(StandardCharsets.US_ASCII)).startsWith("+PONG\r\n+QUEUED\r\n-ERR boom\r\n:7\r\n")
                .endsWith("*2\r\n$4\r\nsave\r\n$0\r\n\r\n*-1\r\n");
    }
}
