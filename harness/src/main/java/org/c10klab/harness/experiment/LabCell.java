package org.c10klab.harness.experiment;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.c10klab.harness.stats.Spread;

/**
 * One run of a lab stage (a model under a burst), tried once per round: every trial as it ran, and the
 * spread of any of their figures.
 *
 * @param stage            the lab's stage, 1 to 5
 * @param model            the server model
 * @param clients          clients in the burst
 * @param requestedBacklog the backlog asked for, or null for the server's default (somaxconn)
 * @param what             the run in words, e.g. {@code serial server, backlog 1, 10 nervous clients}
 * @param runs             the trials, in the order they ran; at least one
 */
public record LabCell(int stage, LabModel model, int clients, Integer requestedBacklog, String what,
                      List<LabRun> runs) {

    public LabCell {
        runs = List.copyOf(runs);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a cell needs at least one trial");
        }
    }

    /** The first trial: for what every trial shares (the server's backlog, the sleep, the kernel). */
    public LabRun first() {
        return runs.getFirst();
    }

    /** The median and range of {@code figure} over the trials that have it; null when none has. */
    public Spread spread(Function<LabRun, ? extends Number> figure) {
        return Spread.of(runs.stream().map(figure).toList());
    }

    /** True when {@code condition} held in every trial. */
    public boolean always(Predicate<LabRun> condition) {
        return runs.stream().allMatch(condition);
    }

    /** Every trial's outcome beside its kernel evidence. */
    public List<HandshakeTrial> handshakeTrials() {
        return runs.stream().map(LabRun::handshakeTrial).toList();
    }
}
