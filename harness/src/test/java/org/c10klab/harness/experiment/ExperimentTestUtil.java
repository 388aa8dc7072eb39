package org.c10klab.harness.experiment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.c10klab.harness.cli.FloodCommand;
import org.c10klab.harness.flood.FloodConfig;

/** Small plans for experiment tests, and the check that no server child outlived its experiment. */
public final class ExperimentTestUtil {

    /** Samples often enough that a flood of a fraction of a second still gets a timeline. */
    public static final Duration SAMPLE_INTERVAL = Duration.ofMillis(50);

    private ExperimentTestUtil() {
    }

    /** The flood {@code c10k flood ARGS} describes, aimed nowhere yet (each trial aims it at its server). */
    public static FloodConfig flood(String... args) {
        List<String> withTarget = new ArrayList<>(List.of("--target", "127.0.0.1:0"));
        withTarget.addAll(List.of(args));
        return FloodCommand.parseConfig(withTarget.toArray(String[]::new));
    }

    /**
     * A plan of one trial of each of {@code models} under {@code flood}, with a server warm-up and serial capped at
     * {@code serialCap}.
     */
    public static ComparePlan plan(FloodConfig flood, Duration serialCap, ModelSetup... models) {
        return new ComparePlan(List.of(models), 1, flood, ServerWarmup.before(flood), SAMPLE_INTERVAL, serialCap);
    }

    /**
     * The JVMs started by this JVM (or its children) that are still alive: the lab's servers, since tests start
     * no other Java processes. (Their arguments cannot tell: Linux shows only the first 4 KiB of a command line.)
     */
    public static List<ProcessHandle> liveJavaChildren() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(process -> process.info().command().map(command -> command.endsWith("/java")).orElse(false))
                .toList();
    }
}
