package org.c10klab.harness.experiment;

import java.util.ArrayList;
import java.util.List;

/**
 * One model as an experiment starts it, under the label its results carry.
 *
 * @param label      how results, tables and claims name it: the model's name, or {@code netty#2} for the second
 *                   of a model named twice (an A/A check)
 * @param model      the model
 * @param serverArgs options after the model's own, e.g. {@code --pool-size 50}
 */
public record ModelSetup(String label, LabModel model, List<String> serverArgs) {

    public ModelSetup {
        serverArgs = List.copyOf(serverArgs);
    }

    /** A model named once, labelled by its name. */
    public ModelSetup(LabModel model, List<String> serverArgs) {
        this(model.cliName(), model, serverArgs);
    }

    /**
     * The labels of {@code models} in the order given: a model named once keeps its name, a model named more
     * than once is numbered by its turn, {@code netty,netty} giving {@code netty#1} and {@code netty#2}.
     */
    public static List<String> labels(List<LabModel> models) {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < models.size(); i++) {
            LabModel model = models.get(i);
            long named = models.stream().filter(model::equals).count();
            long turn = models.subList(0, i + 1).stream().filter(model::equals).count();
            labels.add(named == 1 ? model.cliName() : model.cliName() + "#" + turn);
        }
        return labels;
    }

    /** The command that starts this server by hand, e.g. {@code c10k server blocking --model pool --pool-size 50}. */
    public String serverCommand() {
        return "c10k server " + String.join(" ", model.serverArgs())
                + (serverArgs.isEmpty() ? "" : " " + String.join(" ", serverArgs));
    }
}
