package org.c10klab.harness.flood;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.c10klab.protocol.resp.BulkString;
import org.c10klab.protocol.resp.RespArray;
import org.c10klab.protocol.resp.RespEncoder;
import org.c10klab.protocol.resp.RespValue;

/**
 * The request bytes a flood sends, encoded once: weighted RESP commands, or the raw payload. The
 * choice is deterministic, so a run's command mix is exactly its weights.
 */
public final class Workload {

    private final List<byte[]> requests;
    /** The same bytes off-heap, shared read-only by every connection: a write copies nothing. */
    private final List<ByteBuf> buffers;
    private final int[] cumulativeWeights;

    private Workload(List<byte[]> requests, int[] cumulativeWeights) {
        this.requests = requests;
        this.cumulativeWeights = cumulativeWeights;
        List<ByteBuf> direct = new ArrayList<>(requests.size());
        for (byte[] request : requests) {
            // A JDK direct buffer is freed by the garbage collector; unreleasable, so no write can free it first.
            ByteBuffer bytes = ByteBuffer.allocateDirect(request.length).put(request).flip();
            direct.add(Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(bytes)));
        }
        this.buffers = List.copyOf(direct);
    }

    /** The RESP arrays of {@code commands}, each chosen in proportion to its weight. */
    public static Workload resp(List<CommandSpec> commands) {
        if (commands.isEmpty()) {
            throw new IllegalArgumentException("a RESP workload needs at least one command");
        }
        List<byte[]> requests = new ArrayList<>();
        int[] cumulative = new int[commands.size()];
        long total = 0;
        for (int i = 0; i < commands.size(); i++) {
            CommandSpec command = commands.get(i);
            List<RespValue> words = new ArrayList<>();
            for (String word : command.words()) {
                words.add(new BulkString(word.getBytes(StandardCharsets.UTF_8)));
            }
            requests.add(RespEncoder.encode(new RespArray(words)));
            total += command.weight();
            if (total > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("command weights add up to more than " + Integer.MAX_VALUE);
            }
            cumulative[i] = (int) total;
        }
        return new Workload(List.copyOf(requests), cumulative);
    }

    /** The same payload for every request. */
    public static Workload raw(byte[] payload) {
        if (payload.length == 0) {
            throw new IllegalArgumentException("a raw payload needs at least one byte");
        }
        return new Workload(List.of(payload.clone()), new int[] {1});
    }

    /** The request bytes for the {@code sequence}-th request; callers must not modify them. */
    public byte[] request(long sequence) {
        return requests.get(index(sequence));
    }

    /** The same request as a buffer to write: a view with its own indexes over the shared bytes. */
    public ByteBuf requestBuffer(long sequence) {
        return buffers.get(index(sequence)).duplicate();
    }

    private int index(long sequence) {
        if (requests.size() == 1) {
            return 0;
        }
        int position = (int) Math.floorMod(sequence, (long) cumulativeWeights[cumulativeWeights.length - 1]);
        for (int i = 0; i < cumulativeWeights.length; i++) {
            if (position < cumulativeWeights[i]) {
                return i;
            }
        }
        throw new IllegalStateException("unreachable: position " + position + " beyond the weights");
    }
}
