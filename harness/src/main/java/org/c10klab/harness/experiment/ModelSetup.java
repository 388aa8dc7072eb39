package org.c10klab.harness.experiment;

import java.util.List;

/**
 * One model as an experiment starts it.
 *
 * @param model      the model
 * @param serverArgs options after the model's own, e.g. {@code --pool-size 50}
 */
public record ModelSetup(LabModel model, List<String> serverArgs) {

    public ModelSetup {
        serverArgs = List.copyOf(serverArgs);
    }

    /** The command that starts this server by hand, e.g. {@code c10k server blocking --model pool --pool-size 50}. */
    public String serverCommand() {
        return "c10k server " + String.join(" ", model.serverArgs())
                + (serverArgs.isEmpty() ? "" : " " + String.join(" ", serverArgs));
    }
}
