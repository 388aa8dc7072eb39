package org.c10klab.harness.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.c10klab.harness.FloodTestUtil;
import org.c10klab.harness.flood.Outcome;
import org.c10klab.harness.record.ProcessSampler;
import org.c10klab.harness.result.FloodResult;
import org.c10klab.harness.result.TargetSample;
import org.c10klab.harness.run.SamplingOptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lab's own servers, each in its own JVM, hit by a burst of 200 connections that each ask for
 * {@code SLEEP 100}: every model must serve them all, and the samples of the server must show how
 * the model holds a waiting connection: a platform thread each for {@code threads}, a virtual thread
 * each for {@code virtual}, nothing new for {@code netty} and a fixed pool for {@code pool}.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RealServersFloodTest {

    private static final int CONNECTIONS = 200;
    private static final int POOL_SIZE = 16;

    @ParameterizedTest
    @ValueSource(strings = {"netty", "virtual", "threads", "pool"})
    void burstOfSleepsIsAllOkAndShowsHowTheModelHoldsConnections(String model) throws IOException {
        try (ServerProcess server = ServerProcess.start(serverArgs(model))) {
            // Counted before the flood: on a loaded machine the sampler's first probe can come after the
            // connections, and a thread model's threads would then hide in the baseline.
            long threadsBefore = new ProcessSampler(server.pid()).sample().threads();
            // Held open for two seconds after the reply, so no sample can miss the connections.
            FloodResult result = FloodTestUtil.floodArtifacts(
                    new SamplingOptions(server.pid(), server.metricsUrl(), Duration.ofMillis(50)),
                    "--target", "127.0.0.1:" + server.address().getPort(), "-c", Integer.toString(CONNECTIONS),
                    "--command", "SLEEP 100", "-n", "1", "--duration", "2s").result();

            assertThat(result.connections().count(Outcome.OK)).as(model + " connects").isEqualTo(CONNECTIONS);
            assertThat(result.requests().count(Outcome.OK)).as(model + " replies").isEqualTo(CONNECTIONS);
            assertThat(result.requestLatency().p50Ms()).isGreaterThanOrEqualTo(100);
            TargetSample peak = result.target().peak();
            long threadsAdded = peak.threads() - threadsBefore;
            switch (model) {
                case "threads" -> assertThat(threadsAdded).as("threads: a platform thread per connection")
                        .isGreaterThanOrEqualTo(CONNECTIONS / 2);
                case "virtual" -> {
                    assertThat(threadsAdded).as("virtual: a few carrier threads at most").isLessThanOrEqualTo(20);
                    assertThat(peak.virtualThreads()).as("virtual: a virtual thread per connection")
                            .isGreaterThanOrEqualTo(CONNECTIONS / 2.0);
                }
                case "pool" -> assertThat(threadsAdded).as("pool: the pool, no more")
                        .isLessThanOrEqualTo(POOL_SIZE + 10);
                default -> assertThat(threadsAdded).as("netty: flat").isLessThanOrEqualTo(10);
            }
        }
    }

    private static List<String> serverArgs(String model) {
        return switch (model) {
            case "netty" -> List.of("netty");
            // 200 connections wait for 16 pool threads for about 1.3 s: let them wait.
            case "pool" -> List.of("blocking", "--model", "pool", "--pool-size", Integer.toString(POOL_SIZE),
                    "--admission-timeout", "10s");
            default -> List.of("blocking", "--model", model);
        };
    }
}
