package org.c10klab.harness.result;

import org.c10klab.harness.flood.FloodConfig;

/**
 * Which part of a larger flood a result is ({@code flood --segment I/N}); the merge checks these before it
 * adds segments together. The segment's actual start is its run's {@code started_at}.
 *
 * @param index   which segment, from 0
 * @param count   how many segments the whole flood has
 * @param flood   the whole flood, as described on the command line, before the split
 * @param startAt the agreed start ({@code --start-at}), ISO-8601 UTC; null when the segment started at once
 */
public record Segment(int index, int count, FloodConfig flood, String startAt) {
}
