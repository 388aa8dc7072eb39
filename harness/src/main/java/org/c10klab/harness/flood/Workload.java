package org.c10klab.harness.flood;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.rng.simple.RandomSource;
import org.c10klab.protocol.resp.BulkString;
import org.c10klab.protocol.resp.RespArray;
import org.c10klab.protocol.resp.RespEncoder;
import org.c10klab.protocol.resp.RespValue;

/**
 * The request bytes a flood sends: weighted RESP commands, or the raw payload. A command without
 * placeholders is encoded once; one with {@code __key__} or {@code __value__} is a {@link RequestTemplate}
 * filled per request. The choice of command is deterministic, so a run's command mix is exactly its weights.
 * One workload serves one run: sequential keys count across all its clients.
 */
public final class Workload {

    /** Per command: its bytes, encoded once and copied into each batch of requests; or null. */
    private final List<byte[]> constants;
    /** Per command: its template, or null when it has no placeholder. */
    private final List<RequestTemplate> templates;
    private final int[] cumulativeWeights;
    private final KeysAndValues keysAndValues;
    private final AtomicLong sequentialKeys;

    private Workload(List<byte[]> constants, List<RequestTemplate> templates, int[] cumulativeWeights,
                     KeysAndValues keysAndValues) {
        this.constants = Collections.unmodifiableList(new ArrayList<>(constants));
        this.templates = Collections.unmodifiableList(new ArrayList<>(templates));
        this.cumulativeWeights = cumulativeWeights;
        this.keysAndValues = keysAndValues;
        this.sequentialKeys = new AtomicLong(keysAndValues.sequentialStart());
    }

    /** The RESP arrays of {@code commands}, each in proportion to its weight, placeholders filled per request. */
    public static Workload resp(List<CommandSpec> commands, KeysAndValues keysAndValues) {
        if (commands.isEmpty()) {
            throw new IllegalArgumentException("a RESP workload needs at least one command");
        }
        ValueSize values = keysAndValues.valueSize();
        byte[] valueBytes = new byte[values == null ? 0 : values.maxBytes()];
        Arrays.fill(valueBytes, (byte) 'x');
        List<byte[]> constants = new ArrayList<>();
        List<RequestTemplate> templates = new ArrayList<>();
        int[] cumulative = new int[commands.size()];
        long total = 0;
        for (int i = 0; i < commands.size(); i++) {
            CommandSpec command = commands.get(i);
            if (RequestTemplate.hasPlaceholder(command.words())) {
                constants.add(null);
                templates.add(new RequestTemplate(command.words(), keysAndValues.keyWidth(), valueBytes));
            } else {
                constants.add(encode(command.words()));
                templates.add(null);
            }
            total += command.weight();
            if (total > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("command weights add up to more than " + Integer.MAX_VALUE);
            }
            cumulative[i] = (int) total;
        }
        return new Workload(constants, templates, cumulative, keysAndValues);
    }

    /** The same payload for every request. */
    public static Workload raw(byte[] payload) {
        if (payload.length == 0) {
            throw new IllegalArgumentException("a raw payload needs at least one byte");
        }
        return new Workload(List.of(payload.clone()), Collections.singletonList(null), new int[] {1},
                KeysAndValues.NONE);
    }

    /** How many commands the mix has; commands are numbered from 0 in the order given. */
    public int commands() {
        return cumulativeWeights.length;
    }

    /** The command the {@code sequence}-th request sends, by number. */
    public int command(long sequence) {
        if (cumulativeWeights.length == 1) {
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

    /** The draws of keys and value sizes for one more client; it must use them on its own thread only. */
    public RequestDraws newDraws() {
        return new RequestDraws(keysAndValues, RandomSource.XO_RO_SHI_RO_128_PP.create(), sequentialKeys);
    }

    /**
     * Appends a request of {@code command} to {@code out}, the placeholders filled from {@code draws}. A connection
     * appends all the requests it sends at once to one buffer: one write for the batch, as redis-benchmark's -P.
     */
    public void appendRequest(int command, RequestDraws draws, ByteBuf out) {
        RequestTemplate template = templates.get(command);
        if (template == null) {
            out.writeBytes(constants.get(command));
            return;
        }
        template.encode(template.usesKey() ? draws.nextKey() : 0,
                template.usesValue() ? draws.nextValueLength() : 0, out);
    }

    private static byte[] encode(List<String> words) {
        List<RespValue> values = new ArrayList<>();
        for (String word : words) {
            values.add(new BulkString(word.getBytes(StandardCharsets.UTF_8)));
        }
        return RespEncoder.encode(new RespArray(values));
    }
}
