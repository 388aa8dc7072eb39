package org.c10klab.harness.cli;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.c10klab.harness.experiment.LabModel;

/** What {@code c10k sweep --vary NAME=...} can vary: each name, the compare option it sets, the models it affects. */
enum SweepParameter {
    CONNECTIONS("--connections", true, EnumSet.allOf(LabModel.class)),
    REQUESTS("--requests", true, EnumSet.allOf(LabModel.class)),
    COMMAND("--command", false, EnumSet.allOf(LabModel.class)),
    PIPELINE("--pipeline", true, EnumSet.allOf(LabModel.class)),
    BACKLOG("--backlog", true, EnumSet.allOf(LabModel.class)),
    IO_THREADS("--io-threads", true, EnumSet.of(LabModel.NETTY)),
    TRANSPORT("--server-transport", false, EnumSet.of(LabModel.NETTY)),
    CARRIERS("--carriers", true, EnumSet.of(LabModel.VIRTUAL)),
    POOL_SIZE("--pool-size", true, EnumSet.of(LabModel.POOL)),
    KEYSPACE("--keyspace", true, EnumSet.allOf(LabModel.class)),
    STORE_MAX_ENTRIES("--store-max-entries", true, EnumSet.allOf(LabModel.class));

    private final String option;
    private final boolean numeric;
    private final Set<LabModel> models;

    SweepParameter(String option, boolean numeric, Set<LabModel> models) {
        this.option = option;
        this.numeric = numeric;
        this.models = models;
    }

    /** The name after {@code --vary}, e.g. {@code io-threads}. */
    String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The compare option each value is passed as. */
    String option() {
        return option;
    }

    /** True when the values are numbers, so charts can put them on an axis. */
    boolean numeric() {
        return numeric;
    }

    /** True when varying this changes {@code model}'s server or flood at all. */
    boolean affects(LabModel model) {
        return models.contains(model);
    }

    /**
     * @throws IllegalArgumentException naming the valid parameters
     */
    static SweepParameter fromCliName(String name) {
        return Arrays.stream(values()).filter(p -> p.cliName().equalsIgnoreCase(name.trim())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--vary: unknown parameter '" + name
                        + "' (expected one of: " + names() + ")"));
    }

    /** Every name, comma-separated, for help and errors. */
    static String names() {
        return Arrays.stream(values()).map(SweepParameter::cliName).collect(Collectors.joining(", "));
    }
}
