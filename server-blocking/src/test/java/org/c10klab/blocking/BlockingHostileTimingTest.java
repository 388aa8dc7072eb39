package org.c10klab.blocking;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.c10klab.blocking.BlockingTestUtil.ChildServer;
import org.c10klab.blocking.BlockingTestUtil.RunningServer;
import org.c10klab.server.DurationConverter;
import org.c10klab.server.testing.HostileTimingScenarios;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Slow clients, a huge unknown command, and SIGTERM amid idle and busy connections, against every
 * thread model. The serial model serves one connection at a time, so it sits out the scenarios
 * that need several served at once.
 */
@Timeout(120)
class BlockingHostileTimingTest {

    /** Short, so tricklers are cut off within the test; the default is 10s. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);
    /**
     * Far longer than a stop with nothing owed takes (well under a second on an idle machine, see
     * bench/hostile-slow.sh), so a stop that waited for it cannot pass, even with the scenarios'
     * bound of a quarter of it for a machine whose cores are busy with other work.
     */
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);
    /** Enough pool threads for every connection a scenario keeps busy at once. */
    private static final String POOL_SIZE = "64";

    @ParameterizedTest
    @EnumSource(value = Model.class, names = "SERIAL", mode = EnumSource.Mode.EXCLUDE)
    void tricklersAreCutOffWhileOthersAreServed(Model model, @TempDir Path dir) throws Exception {
        Path accessLog = dir.resolve("access.log");
        try (RunningServer running = start(model, "--access-log", accessLog.toString())) {
            HostileTimingScenarios.tricklersAreCutOffWhileOthersAreServed(running.server(), accessLog, REQUEST_TIMEOUT, 5);
        }
    }

    /** The lock-out of issue 12: as many tricklers as the model has threads; before the request timeout they kept them for ever. */
    @ParameterizedTest
    @CsvSource({"SERIAL, 1", "POOL, 3"})
    void aModelWithFewThreadsServesAgainOnceItsTricklersAreCutOff(Model model, int threads) throws Exception {
        try (RunningServer running = BlockingTestUtil.start(model, "--request-timeout",
                DurationConverter.format(REQUEST_TIMEOUT), "--pool-size", String.valueOf(threads))) {
            HostileTimingScenarios.aModelServesAgainOnceItsTricklersAreCutOff(running.address(), REQUEST_TIMEOUT, threads);
        }
    }

    @ParameterizedTest
    @EnumSource(Model.class)
    void idleTimeBetweenRequestsIsNotTimed(Model model) throws Exception {
        try (RunningServer running = start(model)) {
            HostileTimingScenarios.idleTimeBetweenRequestsIsNotTimed(running.address(), REQUEST_TIMEOUT);
        }
    }

    @ParameterizedTest
    @EnumSource(Model.class)
    void aHugeUnknownCommandGetsAShortError(Model model) throws Exception {
        try (RunningServer running = start(model)) {
            HostileTimingScenarios.aHugeUnknownCommandGetsAShortError(running.address());
        }
    }

    @ParameterizedTest
    @EnumSource(Model.class)
    void aDrainReadsNothingSentAfterItBegan(Model model) throws Exception {
        try (RunningServer running = start(model)) {
            HostileTimingScenarios.aDrainReadsNothingSentAfterItBegan(running.server());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Model.class, names = "SERIAL", mode = EnumSource.Mode.EXCLUDE)
    void sigtermWithIdleConnectionsExitsAtOnce(Model model) throws Exception {
        try (ChildServer child = ChildServer.launch(0, childArgs(model))) {
            HostileTimingScenarios.sigtermWithIdleConnectionsExitsAtOnce(child, 50, DRAIN_TIMEOUT);
        }
    }

    @ParameterizedTest
    @EnumSource(Model.class)
    void sigtermAmidPipelinesCutsNoReplyInHalf(Model model) throws Exception {
        try (ChildServer child = ChildServer.launch(0, childArgs(model))) {
            HostileTimingScenarios.sigtermAmidPipelinesCutsNoReplyInHalf(child, 10, DRAIN_TIMEOUT);
        }
    }

    /** {@code model} in this JVM with the short request timeout and room for every connection. */
    private static RunningServer start(Model model, String... extraArgs) throws Exception {
        List<String> args = new ArrayList<>(List.of("--request-timeout", DurationConverter.format(REQUEST_TIMEOUT),
                "--pool-size", POOL_SIZE));
        args.addAll(Arrays.asList(extraArgs));
        return BlockingTestUtil.start(model, args.toArray(String[]::new));
    }

    private static String[] childArgs(Model model) {
        return new String[] {"--model", model.cliName(), "--pool-size", POOL_SIZE,
                "--drain-timeout", DurationConverter.format(DRAIN_TIMEOUT)};
    }
}
