package org.c10klab.harness.record;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.c10klab.harness.flood.Outcome;
import org.c10klab.harness.result.OutcomeCounts;

/** Thread-safe counts of outcomes and of their details, for one phase (connect or request). */
final class OutcomeTally {

    /** Distinct details kept per outcome; a server answering with ever-new error texts must not grow us without end. */
    static final int MAX_DETAILS = 32;
    /** The detail that collects everything past {@link #MAX_DETAILS}. */
    static final String OTHER_DETAIL = "(other)";

    private final Map<Outcome, LongAdder> counts = new EnumMap<>(Outcome.class);
    private final Map<Outcome, ConcurrentHashMap<String, LongAdder>> details = new EnumMap<>(Outcome.class);

    OutcomeTally() {
        for (Outcome outcome : Outcome.values()) {
            counts.put(outcome, new LongAdder());
            details.put(outcome, new ConcurrentHashMap<>());
        }
    }

    void add(Outcome outcome, String detail) {
        counts.get(outcome).increment();
        if (detail != null) {
            ConcurrentHashMap<String, LongAdder> byDetail = details.get(outcome);
            LongAdder counter = byDetail.get(detail);
            if (counter == null) {
                String key = byDetail.size() < MAX_DETAILS ? detail : OTHER_DETAIL;
                counter = byDetail.computeIfAbsent(key, k -> new LongAdder());
            }
            counter.increment();
        }
    }

    long count(Outcome outcome) {
        return counts.get(outcome).sum();
    }

    /**
     * Everything but {@link Outcome#OK}, summed over the failed outcomes themselves: {@code total() - count(OK)}
     * read while event loops count could come out negative, the ok count having moved on between the two reads.
     */
    long failed() {
        long failed = 0;
        for (Map.Entry<Outcome, LongAdder> count : counts.entrySet()) {
            if (count.getKey() != Outcome.OK) {
                failed += count.getValue().sum();
            }
        }
        return failed;
    }

    long total() {
        long total = 0;
        for (LongAdder count : counts.values()) {
            total += count.sum();
        }
        return total;
    }

    OutcomeCounts snapshot() {
        Map<String, Long> byOutcome = new LinkedHashMap<>();
        Map<String, Map<String, Long>> byDetail = new LinkedHashMap<>();
        long total = 0;
        for (Outcome outcome : Outcome.values()) {
            long count = counts.get(outcome).sum();
            byOutcome.put(outcome.label(), count);
            total += count;
            if (!details.get(outcome).isEmpty()) {
                Map<String, Long> sorted = new LinkedHashMap<>();
                details.get(outcome).entrySet().stream()
                        .sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum()))
                        .forEach(entry -> sorted.put(entry.getKey(), entry.getValue().sum()));
                byDetail.put(outcome.label(), sorted);
            }
        }
        return new OutcomeCounts(total, byOutcome, byDetail);
    }
}
