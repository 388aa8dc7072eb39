package org.c10klab.harness.result;

/**
 * What the stages of a flood's segments planned together at one moment: the furthest stage any segment is in,
 * and the sum of the segments' planned connections or rates (their stages are shares of the whole flood's).
 *
 * @param stage       the furthest {@code --stage} under way, from 1; null without stages
 * @param connections the connections planned in all, or null
 * @param rate        the requests per second planned in all, or null
 */
public record PlannedLoad(Integer stage, Double connections, Double rate) {

    /** The plans of {@code points}, one per segment; null entries (a segment not yet heard from) are skipped. */
    public static PlannedLoad sum(Iterable<TimelinePoint> points) {
        Integer stage = null;
        Double connections = null;
        Double rate = null;
        for (TimelinePoint point : points) {
            if (point == null || point.stage() == null) {
                continue;
            }
            stage = stage == null ? point.stage() : Math.max(stage, point.stage());
            connections = add(connections, point.plannedConnections());
            rate = add(rate, point.plannedRate());
        }
        return new PlannedLoad(stage, connections, rate);
    }

    private static Double add(Double sum, Double part) {
        if (part == null) {
            return sum;
        }
        return sum == null ? part : sum + part;
    }
}
