package org.c10klab.harness.experiment;

import java.time.Duration;
import java.util.List;
import org.c10klab.harness.flood.CommandSpec;
import org.c10klab.harness.flood.FloodConfig;
import org.c10klab.harness.flood.KeysAndValues;
import org.c10klab.harness.flood.Protocol;

/**
 * The short unmeasured flood each server gets before the measured one: a cold server JVM interprets its
 * accept, parse and reply paths at first, and on this machine that made the first model's p99 four times
 * worse than a warm run's.
 */
public final class ServerWarmup {

    /** How long a warm-up connect or request may take; the warm-up decides nothing, so it never waits long. */
    static final Duration PATIENCE = Duration.ofSeconds(2);

    private ServerWarmup() {
    }

    /**
     * The warm-up before {@code measured}: a few connections sending many PINGs on the same client transport.
     * It skips the client's own warm-up against an in-process listener: nothing of it is measured, and it warms
     * the client as well as the server.
     */
    public static FloodConfig before(FloodConfig measured) {
        return new FloodConfig(measured.target(), Math.min(measured.connections(), CompareDefaults.WARMUP_CONNECTIONS),
                Duration.ZERO, 0, PATIENCE, PATIENCE, CompareDefaults.WARMUP_REQUESTS, Duration.ZERO,
                List.of(CommandSpec.parse(CompareDefaults.WARMUP_COMMAND)), KeysAndValues.NONE, 1, Duration.ZERO, false,
                0, List.of(), Protocol.RESP, measured.payload(), measured.threads(), measured.transport(), false);
    }
}
