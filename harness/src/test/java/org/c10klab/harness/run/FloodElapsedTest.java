package org.c10klab.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.c10klab.harness.FloodTestUtil;
import org.c10klab.harness.ScriptedServer;
import org.c10klab.harness.flood.Outcome;
import org.c10klab.harness.result.FloodResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A run's elapsed time, and so its req/s, is the flood's own: not the wait for the target's first sample. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FloodElapsedTest {

    /** The scrape timeout is four intervals: the first sample of a target that never answers waits 8 s. */
    private static final Duration INTERVAL = Duration.ofSeconds(2);

    @Test
    void theFirstScrapeOfTheTargetIsNotPartOfTheFlood() throws IOException {
        // The kernel accepts the scrape's connection; nothing ever reads it or answers.
        try (ServerSocket silentMetrics = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
             ScriptedServer server = new ScriptedServer(ScriptedServer.pong())) {
            String url = "http://127.0.0.1:" + silentMetrics.getLocalPort() + "/metrics";
            FloodResult result = FloodTestUtil.floodArtifacts(new SamplingOptions(null, url, INTERVAL),
                    "--target", server.target(), "-c", "1", "-n", "1").result();

            assertThat(result.requests().count(Outcome.OK)).isEqualTo(1);
            assertThat(result.run().elapsedSeconds()).as("one PING, not the 8 s the first scrape waited")
                    .isLessThan(4.0);
        }
    }
}
