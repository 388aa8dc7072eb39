package org.c10klab.protocol.resp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.c10klab.protocol.ProtocolTestUtil.assertNothingLeftOver;
import static org.c10klab.protocol.ProtocolTestUtil.byteByByte;
import static org.c10klab.protocol.ProtocolTestUtil.bytes;
import static org.c10klab.protocol.ProtocolTestUtil.decodeChunks;
import static org.c10klab.protocol.ProtocolTestUtil.whole;

import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.c10klab.protocol.ProtocolLimits;
import org.c10klab.protocol.ProtocolTestUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A bulk string's buffer grows with the bytes that arrive, never with the length its header claims,
 * and what a partial command holds is reserved in the connection's budget account.
 */
class RespRequestDecoderGrowthTest {

    private static final int MEBIBYTE = 1024 * 1024;
    private static final int GRANULE = ClientBufferAccount.GRANULE_BYTES;
    private static final byte[] HEADER = bytes("*1\r\n$1048576\r\n");

    @Test
    void aHeaderAloneSetsAsideOnlyTheInitialBuffer() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        ClientBufferAccount account = ClientBufferAccount.unbudgeted();
        RespRequestDecoder decoder = new RespRequestDecoder(ProtocolLimits.DEFAULTS, account);

        long before = threads.getCurrentThreadAllocatedBytes();
        assertThat(decodeChunks(decoder, whole(HEADER))).isEmpty();
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(allocated).as("bytes allocated for a 14-byte header").isLessThan(64 * 1024);
        assertThat(account.reservedBytes()).isEqualTo(RespRequestDecoder.INITIAL_BULK_CAPACITY);
    }

    @Test
    void theReservationFollowsTheBytesThatArriveAndGoesBackWhenTheCommandIsDone() {
        ClientBufferAccount account = ClientBufferAccount.unbudgeted();
        RespRequestDecoder decoder = new RespRequestDecoder(ProtocolLimits.DEFAULTS, account);
        byte[] value = value(MEBIBYTE);
        decodeChunks(decoder, whole(HEADER));

        int arrived = 0;
        for (byte[] chunk : chunks(value, 3000)) {
            assertThat(decodeChunks(decoder, whole(chunk))).isEmpty();
            arrived += chunk.length;
            assertThat(account.reservedBytes()).as("reserved after %d bytes of the value", arrived)
                    .isGreaterThanOrEqualTo(arrived)
                    .isLessThanOrEqualTo(Math.max(RespRequestDecoder.INITIAL_BULK_CAPACITY, 2L * arrived) + GRANULE);
        }
        assertThat(decodeChunks(decoder, whole(bytes("\r\n")))).containsExactly(new RespCommand(List.of(value)));
        assertThat(account.reservedBytes()).as("a large command's reservation goes back at once").isZero();
        assertNothingLeftOver(decoder);
    }

    static Stream<Arguments> chunkings() {
        byte[] wire = ProtocolTestUtil.concat(List.of(bytes("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1048576\r\n"), value(MEBIBYTE),
                bytes("\r\n*1\r\n$4\r\nPING\r\n")));
        return Stream.of(
                Arguments.of("whole", whole(wire)),
                Arguments.of("byte by byte", byteByByte(wire)),
                Arguments.of("1000-byte chunks", chunks(wire, 1000)),
                Arguments.of("64 KiB chunks", chunks(wire, 64 * 1024)),
                Arguments.of("random chunks", ProtocolTestUtil.splitRandomly(wire, new Random(12), 40_000)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chunkings")
    void aOneMebibyteValueDecodesByteExactHoweverItArrives(String name, List<byte[]> chunks) {
        ClientBufferAccount account = ClientBufferAccount.unbudgeted();
        RespRequestDecoder decoder = new RespRequestDecoder(ProtocolLimits.DEFAULTS, account);

        List<RespCommand> commands = decodeChunks(decoder, chunks);

        assertThat(commands).hasSize(2);
        assertThat(commands.get(0).arguments().get(2)).as("the value").isEqualTo(value(MEBIBYTE));
        assertThat(commands.get(1)).isEqualTo(RespCommand.of("PING"));
        assertThat(account.reservedBytes()).as("reserved once the input is used up between commands").isZero();
        assertNothingLeftOver(decoder);
    }

    @Test
    void aSmallPipelineKeepsOneGranuleUntilTheInputRunsOutBetweenCommands() {
        ClientBufferAccount account = ClientBufferAccount.unbudgeted();
        RespRequestDecoder decoder = new RespRequestDecoder(ProtocolLimits.DEFAULTS, account);

        assertThat(decodeChunks(decoder, whole(bytes("*1\r\n$4\r\nPING\r\nPING\r\n*2\r\n$3\r\nGET\r\n"))))
                .hasSize(2);
        assertThat(account.reservedBytes()).as("in the middle of GET").isEqualTo(GRANULE);
        assertThat(decodeChunks(decoder, whole(bytes("$1\r\nk\r\n")))).containsExactly(RespCommand.of("GET", "k"));
        assertThat(account.reservedBytes()).as("between commands").isZero();
    }

    @Test
    void anEvictedDecoderThrowsTheBudgetErrorWhileAnotherCompletesItsFrame() {
        ClientBufferBudget budget = new ClientBufferBudget(256 * 1024);
        AtomicInteger woken = new AtomicInteger();
        RespRequestDecoder evicted = new RespRequestDecoder(ProtocolLimits.DEFAULTS, budget.open(woken::incrementAndGet));
        RespRequestDecoder survivor = new RespRequestDecoder(ProtocolLimits.DEFAULTS, budget.open(() -> { }));
        decodeChunks(evicted, List.of(HEADER, value(200 * 1024)));

        byte[] value = value(100 * 1024);
        List<byte[]> frame = List.of(bytes("*1\r\n$102400\r\n"), value, bytes("\r\n"));
        assertThat(decodeChunks(survivor, frame)).containsExactly(new RespCommand(List.of(value)));

        assertThat(woken).as("the evicted connection's thread is woken").hasValue(1);
        assertThatThrownBy(evicted::requireNotEvicted).isInstanceOf(ClientBufferBudgetException.class)
                .hasMessageContaining("(" + 200 * 1024 + " bytes)");
        assertThatThrownBy(() -> decodeChunks(evicted, whole(bytes("more"))))
                .isInstanceOf(ClientBufferBudgetException.class);
        assertThat(budget.reservedBytes()).isZero();
    }

    @Test
    void anEvictionFreesTheEvictedBytesWithoutWaitingForTheirConnectionsThread() {
        ClientBufferBudget budget = new ClientBufferBudget(256 * 1024);
        ClientBufferAccount evictedAccount = budget.open(() -> { }); // its thread never comes back
        decodeChunks(new RespRequestDecoder(ProtocolLimits.DEFAULTS, evictedAccount), List.of(HEADER, value(200 * 1024)));
        WeakReference<PartialCommand> evictedBytes = new WeakReference<>(evictedAccount.partialCommand());

        RespRequestDecoder grower = new RespRequestDecoder(ProtocolLimits.DEFAULTS, budget.open(() -> { }));
        decodeChunks(grower, List.of(bytes("*1\r\n$102400\r\n"), value(100 * 1024)));

        assertThat(evictedAccount.isEvicted()).isTrue();
        assertThat(budget.reservedBytes()).isEqualTo(100 * 1024);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (evictedBytes.get() != null && System.nanoTime() < deadline) {
            System.gc();
        }
        assertThat(evictedBytes.get()).as("the evicted partial command, once nothing holds it").isNull();
    }

    /** {@code length} bytes that are not all alike, so a misplaced chunk shows. */
    private static byte[] value(int length) {
        byte[] value = new byte[length];
        for (int i = 0; i < length; i++) {
            value[i] = (byte) (i * 31 + (i >> 8));
        }
        return value;
    }

    private static List<byte[]> chunks(byte[] wire, int size) {
        List<byte[]> chunks = new ArrayList<>();
        for (int at = 0; at < wire.length; at += size) {
            chunks.add(Arrays.copyOfRange(wire, at, Math.min(wire.length, at + size)));
        }
        return chunks;
    }
}
