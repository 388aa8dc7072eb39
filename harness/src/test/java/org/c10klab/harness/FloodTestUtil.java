package org.c10klab.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.c10klab.harness.cli.FloodCommand;
import org.c10klab.harness.flood.FloodConfig;
import org.c10klab.harness.result.FloodResult;
import org.c10klab.harness.run.FloodRun;
import org.c10klab.harness.run.RunArtifacts;
import org.c10klab.harness.run.SamplingOptions;
import org.c10klab.server.LoadTarget;
import org.c10klab.server.transport.TransportSelection;

/** Runs floods the way {@code c10k flood} would, and checks the books of every run. */
public final class FloodTestUtil {

    private FloodTestUtil() {
    }

    /** Runs {@code c10k flood ARGS} (without the CLI's printing) and checks its accounting. */
    public static FloodResult flood(String... args) {
        return floodArtifacts(SamplingOptions.none(), args).result();
    }

    /** As {@link #flood}, sampling the target as {@code sampling} says, keeping everything the reports get. */
    public static RunArtifacts floodArtifacts(SamplingOptions sampling, String... args) {
        FloodConfig config = FloodCommand.parseConfig(args);
        FloodRun run = new FloodRun(config, LoadTarget.resolve(config.target(), "--target", "flood", false),
                TransportSelection.select(config.transport()), sampling, point -> { });
        try {
            RunArtifacts artifacts = run.run();
            assertAccounting(artifacts.result());
            return artifacts;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Attempts equal the sum of connection outcomes; requests sent equal the sum of request outcomes. */
    public static void assertAccounting(FloodResult result) {
        long connectionOutcomes = result.connections().counts().values().stream().mapToLong(Long::longValue).sum();
        long requestOutcomes = result.requests().counts().values().stream().mapToLong(Long::longValue).sum();
        assertThat(result.connections().total()).as("connection outcomes total").isEqualTo(connectionOutcomes);
        assertThat(result.requests().total()).as("request outcomes total").isEqualTo(requestOutcomes);
        assertThat(result.accounting().connectAttempts()).as("attempts = sum of connection outcomes")
                .isEqualTo(connectionOutcomes);
        assertThat(result.accounting().requestsSent()).as("requests sent = sum of request outcomes")
                .isEqualTo(requestOutcomes);
    }

    /** A loopback port nothing listens on (bound, then released). */
    public static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
