package org.c10klab.harness.merge;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.c10klab.harness.report.ResultJson;
import org.c10klab.harness.result.Segment;

/**
 * The segments of one flood, checked before they are added up: all describe the same whole flood in the same
 * number of segments, none comes twice, and none is missing, unless a partial merge was asked for.
 *
 * @param segments the segments present, by index
 * @param count    how many segments the whole flood has
 * @param missing  the indices of the segments absent (only in a partial merge)
 */
public record SegmentSet(List<SegmentOutput> segments, int count, List<Integer> missing) {

    public SegmentSet {
        segments = List.copyOf(segments);
        missing = List.copyOf(missing);
    }

    /**
     * Checks {@code outputs} and orders them by index.
     *
     * @param allowPartial merge what is there when segments are missing, instead of refusing
     * @throws IllegalArgumentException with one line naming the folders that do not fit together
     */
    public static SegmentSet of(List<SegmentOutput> outputs, boolean allowPartial) {
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("no segment folders given");
        }
        SegmentOutput first = outputs.get(0);
        Segment reference = first.result().segment();
        Map<Integer, SegmentOutput> byIndex = new TreeMap<>();
        for (SegmentOutput output : outputs) {
            Segment segment = output.result().segment();
            if (segment.count() != reference.count()) {
                throw new IllegalArgumentException("different segment counts: " + first.folder() + " is "
                        + describe(reference) + ", " + output.folder() + " is " + describe(segment));
            }
            String difference = difference(ResultJson.mapper().valueToTree(reference.flood()),
                    ResultJson.mapper().valueToTree(segment.flood()), "");
            if (difference != null) {
                throw new IllegalArgumentException(first.folder() + " and " + output.folder()
                        + " are segments of different floods: " + difference);
            }
            SegmentOutput twin = byIndex.putIfAbsent(segment.index(), output);
            if (twin != null) {
                throw new IllegalArgumentException("segment " + describe(segment) + " given twice: " + twin.folder()
                        + " and " + output.folder());
            }
        }
        List<Integer> missing = new ArrayList<>();
        for (int index = 0; index < reference.count(); index++) {
            if (!byIndex.containsKey(index)) {
                missing.add(index);
            }
        }
        if (!missing.isEmpty() && !allowPartial) {
            throw new IllegalArgumentException("missing segment(s) " + missing + " of " + reference.count()
                    + " (give every segment's folder, or --allow-partial to merge what is there, marked partial)");
        }
        List<SegmentOutput> ordered = new ArrayList<>(byIndex.values());
        ordered.sort(Comparator.comparingInt(output -> output.result().segment().index()));
        return new SegmentSet(ordered, reference.count(), missing);
    }

    /** True when segments are missing, or one of them was stopped before its end. */
    public boolean partial() {
        return !missing.isEmpty() || segments.stream().anyMatch(output -> output.result().run().partial());
    }

    private static String describe(Segment segment) {
        return segment.index() + "/" + segment.count();
    }

    // The first field whose values differ, e.g. "connections 2000 vs 1000"; null when the trees are equal.
    private static String difference(JsonNode mine, JsonNode theirs, String path) {
        if (mine.equals(theirs)) {
            return null;
        }
        if (mine.isObject() && theirs.isObject()) {
            for (Iterator<String> names = mine.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                JsonNode other = theirs.path(name);
                String inner = difference(mine.get(name), other, path.isEmpty() ? name : path + "." + name);
                if (inner != null) {
                    return inner;
                }
            }
        }
        return (path.isEmpty() ? "flood" : path) + " " + mine + " vs " + theirs;
    }
}
