package org.c10klab.harness.experiment;

import java.time.Duration;
import java.util.List;
import org.c10klab.harness.cli.FloodCommand;
import org.c10klab.harness.flood.FloodConfig;
import org.c10klab.server.DurationConverter;

/**
 * The flood the backlog experiment and the lab are made of: clients that all connect at once and
 * each ask for one {@code SLEEP}, the lab's stand-in for a slow request.
 */
public final class SleepBurst {

    /**
     * Server options for such a flood: once it is over, nobody waits for the SLEEPs still running
     * (connections a serial server never got to), so the server may stop at once.
     */
    public static final List<String> STOP_PROMPTLY = List.of("--drain-timeout", "100ms");

    private SleepBurst() {
    }

    /**
     * The flood; its target is filled in once the server listens ({@link ModelTrial}).
     *
     * @param ramp spread the connects over this long; zero opens them all at once
     */
    public static FloodConfig config(int clients, Duration ramp, Duration sleep, Duration connectTimeout,
                                     Duration responseTimeout) {
        return FloodCommand.parseConfig("--target", "127.0.0.1:1", "--connections", Integer.toString(clients),
                "--ramp", DurationConverter.format(ramp), "--requests", "1", "--command", "SLEEP " + sleep.toMillis(),
                "--connect-timeout", DurationConverter.format(connectTimeout),
                "--response-timeout", DurationConverter.format(responseTimeout));
    }

    /**
     * What a server gets before the measured flood (the warm-up of {@link ModelTrial#run}): short SLEEPs
     * that run its whole request path, on one connection, so even a backlog of 1 never overflows.
     */
    public static FloodConfig serverWarmup() {
        return FloodCommand.parseConfig("--target", "127.0.0.1:1", "--connections", "1", "--requests", "20",
                "--command", "SLEEP 1", "--no-warmup");
    }
}
