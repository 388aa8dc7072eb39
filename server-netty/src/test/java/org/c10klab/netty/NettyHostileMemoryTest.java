package org.c10klab.netty;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.c10klab.netty.NettyTestUtil.ChildServer;
import org.c10klab.netty.NettyTestUtil.TestServer;
import org.c10klab.server.testing.HostileMemoryScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that declare more than they send, on the event-loop model: buffers grow with what arrives,
 * the client buffer budget evicts the largest holder, and a server out of heap exits.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class NettyHostileMemoryTest {

    @TempDir
    Path dir;

    @Test
    void headerOnlyConnectionsHoldLittleAndASidePingIsAnswered() throws Exception {
        try (TestServer server = NettyTestUtil.start()) {
            HostileMemoryScenarios.headerOnlyConnectionsHoldLittleAndASidePingIsAnswered(server.server(), 300);
        }
    }

    @Test
    void aCrossedBudgetEvictsTheLargestBufferAndTheOthersComplete() throws Exception {
        try (TestServer server = NettyTestUtil.start("--max-client-buffer-bytes",
                Long.toString(HostileMemoryScenarios.THREE_FRAMES_BUDGET_BYTES))) {
            HostileMemoryScenarios.aCrossedBudgetEvictsTheLargestBufferAndTheOthersComplete(server.server());
        }
    }

    @Test
    void aFrameLargerThanTheBudgetEvictsItsOwnConnection() throws Exception {
        Path accessLog = dir.resolve("access.log");
        try (TestServer server = NettyTestUtil.start("--max-client-buffer-bytes", "65536",
                "--access-log", accessLog.toString())) {
            HostileMemoryScenarios.aFrameLargerThanTheBudgetEvictsItsOwnConnection(server.server(), accessLog);
        }
    }

    @Test
    void outOfHeapWithoutABudgetExitsWithTheJvmsLastLine() throws Exception {
        try (ChildServer child = new ChildServer(List.of(HostileMemoryScenarios.SMALL_HEAP),
                "--metrics-port", "-1", "--max-client-buffer-bytes", "0")) {
            HostileMemoryScenarios.outOfHeapWithoutABudgetExitsWithTheJvmsLastLine(child);
        }
    }

    @Test
    void theDefaultBudgetKeepsASmallHeapServing() throws Exception {
        try (ChildServer child = new ChildServer(List.of(HostileMemoryScenarios.SMALL_HEAP), "--metrics-port", "-1")) {
            HostileMemoryScenarios.theDefaultBudgetKeepsASmallHeapServing(child);
        }
    }
}
