package org.c10klab.harness.experiment;

import java.time.Duration;
import java.util.List;
import org.c10klab.harness.flood.FloodConfig;

/**
 * What a comparison runs: which models with which server options, the one flood every model gets, and
 * the caps and sampling around it.
 *
 * @param models         the models in the order they run
 * @param flood          the measured flood; its target is replaced by each server's ephemeral address
 * @param warmup         the unmeasured flood each server gets first, or null for none
 * @param sampleInterval how often each server is sampled
 * @param serialCap      how long serial's flood may run before it is stopped; zero for no cap
 */
public record ComparePlan(List<ModelSetup> models, FloodConfig flood, FloodConfig warmup, Duration sampleInterval,
                          Duration serialCap) {

    public ComparePlan {
        models = List.copyOf(models);
        if (models.isEmpty()) {
            throw new IllegalArgumentException("no models to compare");
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
