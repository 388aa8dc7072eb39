package org.c10klab.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.c10klab.server.observe.ServerMetrics;

/** How server tests wait for a state instead of sleeping: one deadline, and a poll short enough to catch brief states. */
public final class ServerStates {

    /** How long a test waits for a server to reach a state: long enough for a loaded machine. */
    public static final Duration DEADLINE = Duration.ofSeconds(10);
    /** Short, so a state that lasts a moment (every SLEEP of a batch in flight at once) is not missed. */
    private static final Duration POLL_INTERVAL = Duration.ofMillis(10);

    private ServerStates() {
    }

    /** An Awaitility wait with this class's deadline and poll interval. */
    public static ConditionFactory await() {
        return Awaitility.await().atMost(DEADLINE).pollInterval(POLL_INTERVAL);
    }

    /**
     * Asks INFO on {@code client} until {@code until} accepts the reply.
     *
     * @return the INFO reply that was accepted, as it came off the wire
     */
    public static String awaitInfo(RawRespClient client, Predicate<String> until) {
        AtomicReference<String> info = new AtomicReference<>();
        await().until(() -> {
            info.set(client.call("INFO\r\n"));
            return until.test(info.get());
        });
        return info.get();
    }

    /**
     * Waits until exactly {@code expected} requests are read and not yet answered (a pending SLEEP
     * counts), as the server's own meters say; unlike INFO this works while no connection can ask.
     */
    public static void awaitRequestsInFlight(ServerMetrics metrics, long expected) {
        await().untilAsserted(() -> assertThat(metrics.requestsInFlight()).as("requests in flight").isEqualTo(expected));
    }
}
