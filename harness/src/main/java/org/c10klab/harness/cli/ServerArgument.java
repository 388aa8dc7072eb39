package org.c10klab.harness.cli;

import java.util.List;
import org.c10klab.harness.experiment.LabModel;

/**
 * One {@code --server-arg MODEL:ARG}: an option passed through to the servers an experiment starts, e.g.
 * {@code netty:--max-connections=5} or {@code all:--backlog=16}.
 *
 * @param model the model whose servers get it, or null for every model ({@code all})
 * @param arg   the server option as one word, e.g. {@code --io-threads=2}
 */
record ServerArgument(LabModel model, String arg) {

    /** The MODEL part that stands for every model. */
    static final String ALL = "all";

    /**
     * Reads {@code MODEL:ARG}.
     *
     * @throws IllegalArgumentException naming what is wrong with {@code text}
     */
    static ServerArgument parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 1 || colon == text.length() - 1) {
            throw new IllegalArgumentException("--server-arg " + text + ": expected MODEL:ARG, e.g. "
                    + "netty:--max-connections=5 or all:--backlog=16");
        }
        String model = text.substring(0, colon);
        try {
            return new ServerArgument(model.equals(ALL) ? null : LabModel.fromCliName(model),
                    text.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--server-arg " + text + ": " + e.getMessage() + ", or all");
        }
    }

    /** The arguments of {@code given} that {@code model}'s servers get, in the order given. */
    static List<String> argsFor(LabModel model, List<ServerArgument> given) {
        return given.stream().filter(a -> a.model == null || a.model == model).map(ServerArgument::arg).toList();
    }

    @Override
    public String toString() {
        return (model == null ? ALL : model.cliName()) + ":" + arg;
    }
}
