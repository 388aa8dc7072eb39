package org.c10klab.harness.experiment;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import org.c10klab.harness.flood.FloodConfig;

/**
 * What a comparison runs: which models with which server options, how many trials of each, the one flood
 * every trial gets, and the caps and sampling around it.
 *
 * @param models         the models under their labels, in the order each round runs them first
 * @param repeat         trials per model, each in a fresh server JVM, interleaved ({@link ScheduledTrial#interleave})
 * @param flood          the measured flood; its target is replaced by each server's ephemeral address
 * @param warmup         the unmeasured flood each server gets first, or null for none
 * @param sampleInterval how often each server is sampled
 * @param serialCap      how long serial's flood may run before it is stopped; zero for no cap
 */
public record ComparePlan(List<ModelSetup> models, int repeat, FloodConfig flood, FloodConfig warmup,
                          Duration sampleInterval, Duration serialCap) {

    public ComparePlan {
        models = List.copyOf(models);
        if (models.isEmpty()) {
            throw new IllegalArgumentException("no models to compare");
        }
        if (repeat < 1) {
            throw new IllegalArgumentException("--repeat: " + repeat + " (expected: >= 1)");
        }
        if (!models.stream().map(ModelSetup::label).allMatch(new HashSet<>()::add)) {
            throw new IllegalArgumentException("two models share a label: " + models);
        }
    }

    /** The time cap of {@code model}'s flood, or null when it runs to its end. */
    public Duration capOf(LabModel model) {
        return model == LabModel.SERIAL && !serialCap.isZero() ? serialCap : null;
    }

    /** Requests the flood means to send in all, or null when its duration decides. */
    public Long requestsPlanned() {
        return flood.duration().isZero() ? flood.requestsPerConnection() * flood.connections() : null;
    }
}
