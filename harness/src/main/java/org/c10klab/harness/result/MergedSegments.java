package org.c10klab.harness.result;

import java.util.List;

/**
 * The segments a merged flood was added up from (segments.json beside the merged results.json).
 *
 * @param count    how many segments the whole flood has
 * @param missing  the segments absent from a partial merge
 * @param segments the segments present, by index
 */
public record MergedSegments(int count, List<Integer> missing, List<SegmentSummary> segments) {

    public MergedSegments {
        missing = List.copyOf(missing);
        segments = List.copyOf(segments);
    }
}
