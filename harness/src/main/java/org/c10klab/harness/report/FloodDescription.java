package org.c10klab.harness.report;

import java.time.Duration;
import java.util.Locale;
import java.util.stream.Collectors;
import org.c10klab.harness.flood.FloodConfig;
import org.c10klab.harness.flood.Protocol;
import org.c10klab.harness.flood.Stage;
import org.c10klab.server.DurationConverter;

/** A flood in one line of prose, for experiment reports that run the same flood against several servers. */
public final class FloodDescription {

    private FloodDescription() {
    }

    /** E.g. {@code 200 connections at once, 3 x SLEEP 100 each (600 requests), closed model; timeouts ...}. */
    public static String of(FloodConfig flood) {
        StringBuilder text = new StringBuilder().append(flood.connections())
                .append(flood.reconnect() ? " clients reconnecting for every request" : " connections");
        if (connectionStages(flood)) {
            text.append(" at most, as the stages open them");
        } else if (!flood.ramp().isZero()) {
            text.append(" over ").append(DurationConverter.format(flood.ramp()));
        } else if (flood.connectRatePerSecond() > 0) {
            text.append(String.format(Locale.ROOT, " at %.0f/s", flood.connectRatePerSecond()));
        } else {
            text.append(" at once");
        }
        String work = flood.protocol() == Protocol.RAW ? "raw payload" : flood.commands().stream()
                .map(c -> c.weight() == 1 ? c.text() : c.text() + " (weight " + c.weight() + ")")
                .collect(Collectors.joining(" | "));
        if (flood.requestsPerConnection() == FloodConfig.UNTIL_DEADLINE) {
            text.append(", ").append(work).append(" until ").append(DurationConverter.format(flood.duration()));
        } else {
            text.append(", ").append(flood.requestsPerConnection()).append(" x ").append(work).append(" each");
            if (!flood.duration().isZero()) {
                text.append(", held open for ").append(DurationConverter.format(flood.duration()));
            }
        }
        text.append(pace(flood));
        if (flood.pipeline() > 1) {
            text.append(", pipeline ").append(flood.pipeline());
        }
        return text.append("; connect timeout ").append(DurationConverter.format(flood.connectTimeout()))
                .append(", response timeout ").append(DurationConverter.format(flood.responseTimeout())).toString();
    }

    /** How requests are paced, after a comma: {@code , closed model}, {@code , open model at 500 requests/s}... */
    public static String pace(FloodConfig flood) {
        String model = flood.openModel() ? "open model" : "closed model";
        if (!flood.stages().isEmpty()) {
            return ", stages " + flood.stages().stream().map(Stage::toString).collect(Collectors.joining(" then "))
                    + " (" + model + ")";
        }
        return flood.openModel() ? String.format(Locale.ROOT, ", open model at %.0f requests/s", flood.ratePerSecond())
                : ", closed model";
    }

    /** True when stages open and close the connections. */
    static boolean connectionStages(FloodConfig flood) {
        return !flood.stages().isEmpty() && flood.stages().getFirst().quantity() == Stage.Quantity.CONNECTIONS;
    }

    /** What a time cap on one model's flood means, e.g. serial's. */
    public static String cap(Duration cap) {
        return "capped at " + DurationConverter.format(cap) + " (--serial-cap): it serves one connection at a time; "
                + "requests still waiting then count as cancelled";
    }
}
