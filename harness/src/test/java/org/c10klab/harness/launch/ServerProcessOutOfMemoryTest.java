package org.c10klab.harness.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.c10klab.server.testing.HostileMemoryScenarios;
import org.c10klab.server.testing.RawRespClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A server child the harness starts runs with the lab's out-of-memory options: out of heap, it exits
 * non-zero instead of lingering, and the harness can say why from its last stderr line.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ServerProcessOutOfMemoryTest {

    @Test
    void aServerOutOfHeapExitsNonZeroAndItsLastStderrLineSaysWhy() throws Exception {
        try (ServerProcess server = ServerProcess.start(List.of("netty", "--max-client-buffer-bytes", "0"),
                List.of(HostileMemoryScenarios.SMALL_HEAP))) {
            List<RawRespClient> attackers = HostileMemoryScenarios.fillASmallHeap(server.address());
            try {
                await().atMost(HostileMemoryScenarios.EXIT_DEADLINE).until(() -> !server.isAlive());
            } finally {
                attackers.forEach(RawRespClient::close);
            }

            assertThat(server.stop()).as("exit code").isNotZero();
            assertThat(server.lastStderrLine()).startsWith(HostileMemoryScenarios.OUT_OF_HEAP_LINE);
        }
    }
}
