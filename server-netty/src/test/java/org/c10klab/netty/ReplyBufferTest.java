package org.c10klab.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledDirectByteBuf;
import io.netty.buffer.UnpooledHeapByteBuf;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.c10klab.server.observe.ServerMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Replies are encoded into pooled-style direct buffers, one per read batch, and every buffer the
 * connection takes from its allocator is released once written, whatever way the connection ends.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ReplyBufferTest {

    private final ServerMetrics metrics = new ServerMetrics(NettyServer.MODEL);
    private final TrackingAllocator allocator = new TrackingAllocator();
    private final EmbeddedConnection connection = new EmbeddedConnection(metrics, Duration.ZERO);
    private ResourceLeakDetector.Level levelBefore;

    @BeforeEach
    void paranoidLeakDetection() {
        levelBefore = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        connection.channel().config().setAllocator(allocator);
    }

    @AfterEach
    void restore() {
        connection.close();
        metrics.close();
        ResourceLeakDetector.setLevel(levelBefore);
    }

    @Test
    void aPipelinedBatchIsOneDirectBufferAndIsReleasedOnceWritten() {
        connection.send(NettyTestUtil.command("SET", "k", "v") + "PING\r\n".repeat(100) + NettyTestUtil.command("GET", "k")
                + NettyTestUtil.command("GET", "absent"));

        List<String> chunks = writtenChunks();
        assertThat(chunks).hasSize(1);
        assertThat(chunks.get(0)).isEqualTo("+OK\r\n" + "+PONG\r\n".repeat(100) + "$1\r\nv\r\n$-1\r\n");
        assertThat(allocator.directBuffers).isNotEmpty().allSatisfy(buffer -> assertThat(buffer.refCnt()).isZero());
    }

    @Test
    void bigRepliesLeaveBeforeTheBatchEndsAndAreReleasedToo() {
        String value = "x".repeat(6_000); // the embedded store holds 10 000 bytes
        connection.send(NettyTestUtil.command("SET", "big", value));
        connection.send(NettyTestUtil.command("GET", "big").repeat(5) + "PING\r\n");

        List<String> chunks = writtenChunks();
        assertThat(String.join("", chunks)).isEqualTo("+OK\r\n" + ("$6000\r\n" + value + "\r\n").repeat(5) + "+PONG\r\n");
        assertThat(chunks).as("+OK, then the batch handed over once it passed 16 KiB, then its rest").hasSize(3);
        assertThat(allocator.directBuffers).allSatisfy(buffer -> assertThat(buffer.refCnt()).isZero());
    }

    @Test
    void theLastRepliesBeforeAQuitAreReleasedWithTheClose() {
        connection.send("PING\r\nQUIT\r\nPING\r\n");

        assertThat(String.join("", writtenChunks())).isEqualTo("+PONG\r\n+OK\r\n");
        assertThat(connection.channel().isOpen()).isFalse();
        assertThat(allocator.directBuffers).isNotEmpty().allSatisfy(buffer -> assertThat(buffer.refCnt()).isZero());
    }

    /** What the server wrote, buffer by buffer; each is released as a transport would after writing it. */
    private List<String> writtenChunks() {
        List<String> chunks = new ArrayList<>();
        ByteBuf chunk;
        while ((chunk = connection.channel().readOutbound()) != null) {
            if (chunk.isReadable()) {
                assertThat(chunk.isDirect()).as("encoded for the socket, no heap copy").isTrue();
                chunks.add(chunk.toString(StandardCharsets.US_ASCII));
            }
            chunk.release();
        }
        return chunks;
    }

    /** An allocator that keeps every direct buffer it hands out, so a test can see each was released. */
    private static final class TrackingAllocator extends AbstractByteBufAllocator {

        final List<ByteBuf> directBuffers = new ArrayList<>();

        TrackingAllocator() {
            super(true);
        }

        @Override
        protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
            ByteBuf buffer = new UnpooledDirectByteBuf(this, initialCapacity, maxCapacity);
            directBuffers.add(buffer);
            return buffer;
        }

        @Override
        protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
            return new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity);
        }

        /** As the server's pooled allocator answers: so ioBuffer() picks direct memory here too. */
        @Override
        public boolean isDirectBufferPooled() {
            return true;
        }
    }
}
