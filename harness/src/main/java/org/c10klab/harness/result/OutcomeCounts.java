package org.c10klab.harness.result;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.c10klab.harness.flood.Outcome;

/**
 * How every connection attempt, or every request, of a run ended.
 *
 * @param total   attempts or sent requests; always the sum of {@code counts}
 * @param counts  by outcome label, every outcome present, in {@link Outcome} order
 * @param details by outcome label, then by detail (error message, exception class, limit), for outcomes that have one
 */
public record OutcomeCounts(long total, Map<String, Long> counts, Map<String, Map<String, Long>> details) {

    public OutcomeCounts {
        // Ordered copies: reports and JSON list outcomes in a fixed order.
        counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
        Map<String, Map<String, Long>> copied = new LinkedHashMap<>();
        details.forEach((outcome, byDetail) ->
                copied.put(outcome, Collections.unmodifiableMap(new LinkedHashMap<>(byDetail))));
        details = Collections.unmodifiableMap(copied);
    }

    /** How many ended in {@code outcome}. */
    public long count(Outcome outcome) {
        return counts.getOrDefault(outcome.label(), 0L);
    }

    /** How many did not end {@code ok}. */
    public long failures() {
        return total - count(Outcome.OK);
    }

    /** The details counted under {@code outcome}, e.g. error messages under {@code error_reply}. */
    public Map<String, Long> details(Outcome outcome) {
        return details.getOrDefault(outcome.label(), Map.of());
    }
}
