package org.c10klab.protocol.resp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.c10klab.protocol.ProtocolTestUtil.bytes;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicInteger;
import org.c10klab.protocol.ProtocolLimits;
import org.c10klab.protocol.ProtocolTestUtil;
import org.junit.jupiter.api.Test;

/** {@link RespStreamReader}, the blocking adapter, reads pipelined commands however the stream fragments them. */
class RespStreamReaderTest {

    private static final byte[] PIPELINE = bytes("*1\r\n$4\r\nPING\r\nECHO a\r\n*2\r\n$3\r\nGET\r\n$1\r\nk\r\n");

    @Test
    void readsPipelinedCommandsFromOneRead() throws IOException {
        AtomicInteger reads = new AtomicInteger();
        RespStreamReader reader = new RespStreamReader(countingReads(PIPELINE, reads), ProtocolLimits.DEFAULTS);
        assertThat(reader.read()).isEqualTo(RespCommand.of("PING"));
        assertThat(reader.read()).isEqualTo(RespCommand.of("ECHO", "a"));
        assertThat(reader.read()).isEqualTo(RespCommand.of("GET", "k"));
        assertThat(reads).as("the later commands came from the buffer, not from reads that could block").hasValue(1);
        assertThat(reader.read()).isNull();
    }

    @Test
    void readsCommandsFromAStreamThatYieldsOneByteAtATime() throws IOException {
        RespStreamReader reader = new RespStreamReader(oneByteAtATime(PIPELINE), ProtocolLimits.DEFAULTS);
        assertThat(reader.read()).isEqualTo(RespCommand.of("PING"));
        assertThat(reader.read()).isEqualTo(RespCommand.of("ECHO", "a"));
        assertThat(reader.read()).isEqualTo(RespCommand.of("GET", "k"));
        assertThat(reader.read()).isNull();
    }

    @Test
    void aStreamClosedMidCommandEndsWithoutACommand() throws IOException {
        RespStreamReader reader = new RespStreamReader(new ByteArrayInputStream(bytes("*2\r\n$4\r\nECHO\r\n$3\r\nab")),
                ProtocolLimits.DEFAULTS);
        assertThat(reader.read()).isNull();
    }

    @Test
    void malformedBytesThrowAProtocolException() {
        RespStreamReader reader = new RespStreamReader(new ByteArrayInputStream(bytes("*1\r\n:1\r\n")),
                ProtocolTestUtil.SMALL_LIMITS);
        assertThatThrownBy(reader::read).isInstanceOf(ProtocolException.class).hasMessage("expected '$', got ':'");
    }

    private static InputStream countingReads(byte[] bytes, AtomicInteger reads) {
        return new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                reads.incrementAndGet();
                return super.read(buffer, offset, length);
            }
        };
    }

    private static InputStream oneByteAtATime(byte[] bytes) {
        return new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                return super.read(buffer, offset, Math.min(length, 1));
            }
        };
    }
}
