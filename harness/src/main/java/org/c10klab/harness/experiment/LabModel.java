package org.c10klab.harness.experiment;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The five concurrency models the lab compares, and how {@code c10k server} starts each. */
public enum LabModel {
    NETTY(List.of("netty")),
    VIRTUAL(List.of("blocking", "--model", "virtual")),
    THREADS(List.of("blocking", "--model", "threads")),
    POOL(List.of("blocking", "--model", "pool")),
    SERIAL(List.of("blocking", "--model", "serial"));

    private final List<String> serverArgs;

    LabModel(List<String> serverArgs) {
        this.serverArgs = serverArgs;
    }

    /** The name users type and reports show, e.g. {@code netty}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The arguments after {@code c10k server} that start this model. */
    public List<String> serverArgs() {
        return serverArgs;
    }

    /**
     * @throws IllegalArgumentException naming the valid models
     */
    public static LabModel fromCliName(String name) {
        return Arrays.stream(values()).filter(m -> m.cliName().equalsIgnoreCase(name.trim())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown model '" + name + "' (expected one of: "
                        + Arrays.stream(values()).map(LabModel::cliName).collect(Collectors.joining(", ")) + ")"));
    }

    @Override
    public String toString() {
        return cliName();
    }
}
