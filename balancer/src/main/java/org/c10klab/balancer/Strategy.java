package org.c10klab.balancer;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** How the balancer picks a backend for a new client connection among the healthy ones. */
public enum Strategy {

    /** Each healthy backend in turn: an even share of connections, whatever they cost. */
    ROUND_ROBIN("round-robin") {
        @Override
        Backend choose(List<Backend> healthy, int turn) {
            return healthy.get(turn % healthy.size());
        }
    },

    /** The healthy backend with the fewest open connections; ties go round the list, so equals share evenly. */
    LEAST_CONNECTIONS("least-connections") {
        @Override
        Backend choose(List<Backend> healthy, int turn) {
            Backend best = null;
            for (int i = 0; i < healthy.size(); i++) {
                Backend candidate = healthy.get((turn + i) % healthy.size());
                if (best == null || candidate.activeConnections() < best.activeConnections()) {
                    best = candidate;
                }
            }
            return best;
        }
    };

    private final String cliName;

    Strategy(String cliName) {
        this.cliName = cliName;
    }

    /**
     * One backend out of {@code healthy}.
     *
     * @param healthy the selectable backends, in configuration order; never empty
     * @param turn    a counter that grows by one per choice, never negative
     */
    abstract Backend choose(List<Backend> healthy, int turn);

    /** The name users type, e.g. {@code least-connections}. */
    public String cliName() {
        return cliName;
    }

    /**
     * The strategy named {@code cliName}.
     *
     * @throws IllegalArgumentException for a name that is no strategy
     */
    public static Strategy fromCliName(String cliName) {
        for (Strategy strategy : values()) {
            if (strategy.cliName.equals(cliName)) {
                return strategy;
            }
        }
        throw new IllegalArgumentException("--strategy: unknown strategy '" + cliName + "' (expected: "
                + Arrays.stream(values()).map(Strategy::cliName).collect(Collectors.joining(", ")) + ")");
    }
}
