package org.c10klab.protocol.resp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.c10klab.protocol.ProtocolTestUtil.bytes;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
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
        assertThat(reader.hasBufferedInput()).as("more of the same read to decode").isTrue();
        assertThat(reader.read()).isEqualTo(RespCommand.of("ECHO", "a"));
        assertThat(reader.read()).isEqualTo(RespCommand.of("GET", "k"));
        assertThat(reader.hasBufferedInput()).as("the read is used up").isFalse();
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

    @Test
    void waitsWithASmallBufferAndGrowsItOnlyWhileReadsFillIt() throws IOException {
        byte[] value = new byte[1024 * 1024];
        byte[] set = ProtocolTestUtil.encodeRequest(new RespCommand(List.of(bytes("SET"), bytes("k"), value)));
        List<Integer> asked = new ArrayList<>();
        RespStreamReader reader = new RespStreamReader(
                inSegments(asked, List.of(set, bytes("*1\r\n$4\r\nPING\r\n"))), ProtocolLimits.DEFAULTS);

        assertThat(reader.read().arguments().get(2)).isEqualTo(value);
        int readsForSet = asked.size();
        assertThat(reader.read()).isEqualTo(RespCommand.of("PING"));

        assertThat(asked.getFirst()).as("the first read").isEqualTo(RespStreamReader.SMALL_READ_BYTES);
        assertThat(asked).as("every read").allMatch(length -> length <= RespStreamReader.LARGE_READ_BYTES);
        assertThat(readsForSet).as("reads for a 1 MiB request (1024 with 1 KiB reads)").isLessThan(80);
        assertThat(asked.get(readsForSet)).as("the read after the large request ended")
                .isEqualTo(RespStreamReader.SMALL_READ_BYTES);
    }

    @Test
    void anEvictionWhileWaitingForBytesEndsTheReadWithTheBudgetError() {
        ClientBufferBudget budget = new ClientBufferBudget(64 * 1024);
        ClientBufferAccount other = budget.open(() -> { });
        byte[] partial = ProtocolTestUtil.concat(List.of(bytes("*1\r\n$1048576\r\n"), new byte[40 * 1024]));
        // The connection's second read finds its input shut down, as an eviction by another connection does.
        InputStream evictedThenShut = new FilterInputStream(new ByteArrayInputStream(partial)) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n < 0) {
                    other.hold(30 * 1024); // less than the reader's 40 KiB, but together over the budget
                }
                return n;
            }
        };
        RespStreamReader reader = new RespStreamReader(evictedThenShut, ProtocolLimits.DEFAULTS, budget.open(() -> { }));

        assertThatThrownBy(reader::read).isInstanceOf(ClientBufferBudgetException.class);
        assertThat(other.isEvicted()).as("the smaller holder").isFalse();
    }

    /** A stream that delivers each segment as it would arrive on a socket: a read never spans two. */
    private static InputStream inSegments(List<Integer> lengthsAsked, List<byte[]> segments) {
        return new InputStream() {
            private int segment;
            private int offsetInSegment;

            @Override
            public int read() {
                throw new UnsupportedOperationException("the reader reads arrays");
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                lengthsAsked.add(length);
                if (segment == segments.size()) {
                    return -1;
                }
                byte[] current = segments.get(segment);
                int n = Math.min(length, current.length - offsetInSegment);
                System.arraycopy(current, offsetInSegment, buffer, offset, n);
                offsetInSegment += n;
                if (offsetInSegment == current.length) {
                    segment++;
                    offsetInSegment = 0;
                }
                return n;
            }
        };
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
