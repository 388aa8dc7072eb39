package org.c10klab.harness.experiment;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import org.c10klab.harness.stats.Spread;

/**
 * One backlog against one burst size, tried once per round: every trial as it ran, and the spread of
 * any of their figures.
 *
 * @param backlog     the backlog asked for
 * @param connections the burst size
 * @param runs        the trials, in the order they ran; at least one
 */
public record BacklogCell(int backlog, int connections, List<BacklogRun> runs) {

    public BacklogCell {
        runs = List.copyOf(runs);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a cell needs at least one trial");
        }
    }

    /** What the server got: min(backlog, somaxconn); the same in every trial. */
    public int effectiveBacklog() {
        return runs.getFirst().effectiveBacklog();
    }

    /** Connections the accept queue holds: effectiveBacklog + 1. */
    public int queueCapacity() {
        return runs.getFirst().queueCapacity();
    }

    /** The median and range of {@code figure} over the trials. */
    public Spread spread(Function<BacklogRun, ? extends Number> figure) {
        return Spread.of(runs.stream().map(figure).toList());
    }

    /** True when {@code condition} held in every trial. */
    public boolean always(Predicate<BacklogRun> condition) {
        return runs.stream().allMatch(condition);
    }

    /** The sum of {@code figure} over the trials. */
    public long total(ToLongFunction<BacklogRun> figure) {
        return runs.stream().mapToLong(figure).sum();
    }

    /** Every trial's outcome beside its kernel evidence. */
    public List<HandshakeTrial> handshakeTrials() {
        return runs.stream().map(BacklogRun::handshakeTrial).toList();
    }
}
