package org.c10klab.harness.flood;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Segment {@code index} of {@code count} equal parts of one flood ({@code --segment I/N}), and the one
 * place that splits a flood: every count is divided so that the N shares add up exactly to the whole
 * (10 connections over 3 segments: 4, 3, 3), and every per-connection setting stays as it is, so each
 * connection of a segment does exactly what it would have done in the whole flood.
 *
 * @param index which segment, from 0
 * @param count how many segments the whole flood is cut into
 */
public record FloodSegment(int index, int count) {

    /** The whole flood, unsplit. */
    public static final FloodSegment WHOLE = new FloodSegment(0, 1);

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,9})/(\\d{1,9})");

    public FloodSegment {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("segment: " + index + "/" + count + " (expected: I/N with 0 <= I < N)");
        }
    }

    /**
     * Reads {@code I/N}, e.g. {@code 0/2}.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static FloodSegment parse(String text) {
        Matcher m = FORMAT.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("--segment '" + text + "' is not I/N (expected e.g. 0/2)");
        }
        return new FloodSegment(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** True for {@link #WHOLE}. */
    public boolean whole() {
        return count == 1;
    }

    /** This segment's share of {@code total} items: the first {@code total % count} segments take one more. */
    public long share(long total) {
        return total / count + (index < total % count ? 1 : 0);
    }

    /** The whole flood's number of the first item of this segment's share of {@code total}. */
    public long firstOf(long total) {
        return index * (total / count) + Math.min(index, total % count);
    }

    /**
     * The flood this segment runs. Connections are shared out; rates (--rate, --connect-rate) follow this
     * segment's share of the connections, so every connection keeps the whole flood's pace and the rates add up
     * to the whole's. Stages are split the same way: a stage's connections are shared out as the connections are,
     * its rate scaled as --rate is, so the segments' stages add up to the whole's at every moment. Sequential keys
     * start where this segment's requests start in the whole flood (its first connection's first request; the
     * segment's share of the key space when requests are not counted per connection), so the segments touch the
     * keys the whole flood would. Requests per connection, duration, ramp and timeouts are per connection or per
     * moment and stay as they are.
     *
     * @throws IllegalArgumentException when the flood has fewer connections than segments
     */
    public FloodConfig of(FloodConfig flood) {
        if (whole()) {
            return flood;
        }
        if (flood.connections() < count) {
            throw new IllegalArgumentException("--segment " + this + ": " + flood.connections()
                    + " connections cannot be split over " + count + " segments (expected: --connections >= "
                    + count + ")");
        }
        int connections = (int) share(flood.connections());
        double part = (double) connections / flood.connections();
        List<Stage> stages = flood.stages().stream().map(stage -> new Stage(stage.duration(), stage.quantity(),
                stage.quantity() == Stage.Quantity.CONNECTIONS ? share((long) stage.target())
                        : stage.target() * part)).toList();
        return new FloodConfig(flood.target(), connections, flood.ramp(), flood.connectRatePerSecond() * part,
                flood.connectTimeout(), flood.responseTimeout(), flood.requestsPerConnection(), flood.duration(),
                flood.commands(), keysAndValues(flood), flood.pipeline(), flood.think(), flood.reconnect(),
                flood.ratePerSecond() * part, stages, flood.protocol(), flood.payload(), flood.threads(),
                flood.transport(), flood.warmup());
    }

    private KeysAndValues keysAndValues(FloodConfig flood) {
        KeysAndValues keys = flood.keysAndValues();
        if (keys.keyDistribution().kind() != KeyDistribution.Kind.SEQUENTIAL) {
            return keys;
        }
        boolean counted = flood.requestsPerConnection() > 0 && flood.stages().isEmpty();
        long start = counted ? firstOf(flood.connections()) * flood.requestsPerConnection() : firstOf(keys.keyspace());
        return keys.startingAt(start % keys.keyspace());
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
