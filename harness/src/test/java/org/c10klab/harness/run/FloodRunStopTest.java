package org.c10klab.harness.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.c10klab.harness.FloodTestUtil;
import org.c10klab.harness.ScriptedServer;
import org.c10klab.harness.cli.FloodCommand;
import org.c10klab.harness.flood.FloodConfig;
import org.c10klab.harness.flood.Outcome;
import org.c10klab.harness.result.FloodResult;
import org.c10klab.server.LoadTarget;
import org.c10klab.server.transport.TransportSelection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Ctrl-C in the middle of a run: nothing new starts, connections close, the result is partial and balanced. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FloodRunStopTest {

    @Test
    void stopMidRunCancelsWhatIsInFlightAndMarksTheResultPartial() throws Exception {
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.neverReply())) {
            // Connects start 2 s apart: time enough, even on a loaded machine, to stop between two of them.
            FloodConfig config = FloodCommand.parseConfig("--target", server.target(), "-c", "5", "--ramp", "10s",
                    "--response-timeout", "30s");
            FloodRun run = new FloodRun(config, LoadTarget.resolve(config.target(), "--target", "flood", false),
                    TransportSelection.select("auto"), SamplingOptions.none(), point -> { });
            CompletableFuture<FloodResult> result = CompletableFuture.supplyAsync(() -> {
                try {
                    return run.run().result();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            // Two of five connections are up and waiting for replies that never come; three are not started.
            await().atMost(Duration.ofSeconds(10)).until(() -> server.requests() == 2);
            run.stop();

            FloodResult partial = result.get(10, TimeUnit.SECONDS);
            FloodTestUtil.assertAccounting(partial);
            assertThat(partial.run().partial()).isTrue();
            assertThat(partial.run().endReason()).isEqualTo("interrupted");
            assertThat(partial.connections().count(Outcome.OK)).isEqualTo(2);
            assertThat(partial.requests().count(Outcome.CANCELLED)).isEqualTo(2);
            assertThat(partial.accounting().connectAttempts()).as("nothing new started").isEqualTo(2);
            assertThat(partial.run().elapsedSeconds()).as("stopped, not run to the ramp's end").isLessThan(6);
            assertThat(partial.notes()).anyMatch(note -> note.startsWith("cancelled:"));
        }
    }
}
