package org.c10klab.blocking;


import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.c10klab.blocking.BlockingTestUtil.ChildServer;
import org.c10klab.blocking.BlockingTestUtil.RunningServer;
import org.c10klab.server.testing.HostileMemoryScenarios;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Clients that declare more than they send, on every thread model: buffers grow with what arrives,
 * the client buffer budget evicts the largest holder, and a server out of heap exits.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class BlockingHostileMemoryTest {

    /** Enough threads for every client of a scenario at once: attackers, the side client, observers. */
    private static final String POOL_SIZE = "64";

    @TempDir
    Path dir;

    @ParameterizedTest
    // Not serial, which serves one connection at a time: the side PING would wait by design.
    @EnumSource(value = Model.class, names = "SERIAL", mode = EnumSource.Mode.EXCLUDE)
    void headerOnlyConnectionsHoldLittleAndASidePingIsAnswered(Model model) throws Exception {
        int connections = switch (model) {
            case THREADS -> 100;
            case POOL -> 50;
            default -> 300;
        };
        try (RunningServer server = BlockingTestUtil.start(model, "--pool-size", POOL_SIZE)) {
            HostileMemoryScenarios.headerOnlyConnectionsHoldLittleAndASidePingIsAnswered(server.server(), connections);
        }
    }

    @ParameterizedTest
    // Not serial, which holds one connection at a time, so no other buffer can compete.
    @EnumSource(value = Model.class, names = "SERIAL", mode = EnumSource.Mode.EXCLUDE)
    void aCrossedBudgetEvictsTheLargestBufferAndTheOthersComplete(Model model) throws Exception {
        try (RunningServer server = BlockingTestUtil.start(model, "--pool-size", POOL_SIZE,
                "--max-client-buffer-bytes", Long.toString(HostileMemoryScenarios.THREE_FRAMES_BUDGET_BYTES))) {
            HostileMemoryScenarios.aCrossedBudgetEvictsTheLargestBufferAndTheOthersComplete(server.server());
        }
    }

    @ParameterizedTest
    @EnumSource(Model.class)
    void aFrameLargerThanTheBudgetEvictsItsOwnConnection(Model model) throws Exception {
        Path accessLog = dir.resolve("access.log");
        try (RunningServer server = BlockingTestUtil.start(model, "--max-client-buffer-bytes", "65536",
                "--access-log", accessLog.toString())) {
            HostileMemoryScenarios.aFrameLargerThanTheBudgetEvictsItsOwnConnection(server.server(), accessLog);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Model.class, names = {"VIRTUAL", "THREADS"})
    void outOfHeapWithoutABudgetExitsWithTheJvmsLastLine(Model model) throws Exception {
        try (ChildServer child = ChildServer.launch(0, List.of(HostileMemoryScenarios.SMALL_HEAP),
                "--model", model.cliName(), "--max-client-buffer-bytes", "0")) {
            HostileMemoryScenarios.outOfHeapWithoutABudgetExitsWithTheJvmsLastLine(child);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Model.class, names = {"VIRTUAL", "THREADS"})
    void theDefaultBudgetKeepsASmallHeapServing(Model model) throws Exception {
        try (ChildServer child = ChildServer.launch(0, List.of(HostileMemoryScenarios.SMALL_HEAP),
                "--model", model.cliName())) {
            HostileMemoryScenarios.theDefaultBudgetKeepsASmallHeapServing(child);
        }
    }
}
