package org.c10klab.netty;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.c10klab.netty.NettyTestUtil.ChildServer;
import org.c10klab.netty.NettyTestUtil.TestServer;
import org.c10klab.server.DurationConverter;
import org.c10klab.server.testing.HostileTimingScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Slow clients, a huge unknown command, and SIGTERM amid idle and busy connections, against the event loop. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NettyHostileTimingTest {

    /** Short, so tricklers are cut off within the test; the default is 10s. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);
    /**
     * Far longer than a stop with nothing owed takes (well under a second on an idle machine, see
     * bench/hostile-slow.sh), so a stop that waited for it cannot pass, even with the scenarios'
     * bound of a quarter of it for a machine whose cores are busy with other work.
     */
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

    @Test
    void tricklersAreCutOffWhileOthersAreServed(@TempDir Path dir) throws Exception {
        Path accessLog = dir.resolve("access.log");
        try (TestServer server = start("--access-log", accessLog.toString())) {
            HostileTimingScenarios.tricklersAreCutOffWhileOthersAreServed(server.server(), accessLog, REQUEST_TIMEOUT, 5);
        }
    }

    @Test
    void idleTimeBetweenRequestsIsNotTimed() throws Exception {
        try (TestServer server = start()) {
            HostileTimingScenarios.idleTimeBetweenRequestsIsNotTimed(server.address(), REQUEST_TIMEOUT);
        }
    }

    @Test
    void aHugeUnknownCommandGetsAShortError() throws Exception {
        try (TestServer server = start()) {
            HostileTimingScenarios.aHugeUnknownCommandGetsAShortError(server.address());
        }
    }

    @Test
    void aDrainReadsNothingSentAfterItBegan() throws Exception {
        try (TestServer server = start()) {
            HostileTimingScenarios.aDrainReadsNothingSentAfterItBegan(server.server());
        }
    }

    @Test
    void sigtermWithIdleConnectionsExitsAtOnce() throws Exception {
        try (ChildServer child = new ChildServer(0, childArgs())) {
            HostileTimingScenarios.sigtermWithIdleConnectionsExitsAtOnce(child, 50, DRAIN_TIMEOUT);
        }
    }

    @Test
    void sigtermAmidPipelinesCutsNoReplyInHalf() throws Exception {
        try (ChildServer child = new ChildServer(0, childArgs())) {
            HostileTimingScenarios.sigtermAmidPipelinesCutsNoReplyInHalf(child, 10, DRAIN_TIMEOUT);
        }
    }

    private static TestServer start(String... extraArgs) throws Exception {
        String[] args = new String[extraArgs.length + 2];
        args[0] = "--request-timeout";
        args[1] = DurationConverter.format(REQUEST_TIMEOUT);
        System.arraycopy(extraArgs, 0, args, 2, extraArgs.length);
        return NettyTestUtil.start(args);
    }

    private static String[] childArgs() {
        return new String[] {"--metrics-port", "-1", "--drain-timeout", DurationConverter.format(DRAIN_TIMEOUT)};
    }
}
