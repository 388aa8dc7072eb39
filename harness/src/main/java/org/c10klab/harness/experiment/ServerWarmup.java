package org.c10klab.harness.experiment;

import java.time.Duration;
import java.util.List;
import org.c10klab.harness.flood.CommandSpec;
import org.c10klab.harness.flood.FloodConfig;
import org.c10klab.harness.flood.KeysAndValues;
import org.c10klab.harness.flood.Protocol;
import org.c10klab.server.DurationConverter;

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
        return shaped(measured, CompareDefaults.WARMUP_REQUESTS, Duration.ZERO);
    }

    /**
     * {@code flood --warmup-target AMOUNT}: the same warm-up, for AMOUNT, either a whole number of requests in
     * total (spread over the warm-up connections) or a duration such as {@code 2s}.
     *
     * @throws IllegalArgumentException when AMOUNT is neither
     */
    public static FloodConfig forTarget(FloodConfig measured, String amount) {
        if (amount.matches("\\d+")) {
            long total = Long.parseLong(amount);
            if (total < 1) {
                throw new IllegalArgumentException("--warmup-target " + amount + ": expected at least 1 request, or "
                        + "a duration such as 2s");
            }
            int connections = warmupConnections(measured);
            return shaped(measured, (total + connections - 1) / connections, Duration.ZERO);
        }
        Duration duration;
        try {
            duration = DurationConverter.parse(amount);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--warmup-target " + amount + ": expected a request count such as "
                    + "5000 or a duration such as 2s");
        }
        if (duration.isZero()) {
            throw new IllegalArgumentException("--warmup-target " + amount + ": expected a duration above 0");
        }
        return shaped(measured, FloodConfig.UNTIL_DEADLINE, duration);
    }

    /** PINGs (or, against a raw target, its payload) from a few connections, patient for no longer than needed. */
    private static FloodConfig shaped(FloodConfig measured, long requestsPerConnection, Duration duration) {
        List<CommandSpec> commands = measured.protocol() == Protocol.RAW ? List.of()
                : List.of(CommandSpec.parse(CompareDefaults.WARMUP_COMMAND));
        return new FloodConfig(measured.target(), warmupConnections(measured), Duration.ZERO, 0, PATIENCE, PATIENCE,
                requestsPerConnection, duration, commands, KeysAndValues.NONE, 1, Duration.ZERO, false, 0, List.of(),
                measured.protocol(), measured.payload(), measured.threads(), measured.transport(), false);
    }

    private static int warmupConnections(FloodConfig measured) {
        return Math.min(measured.connections(), CompareDefaults.WARMUP_CONNECTIONS);
    }
}
