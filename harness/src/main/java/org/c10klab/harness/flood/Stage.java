package org.c10klab.harness.flood;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;
import java.util.Locale;
import org.c10klab.server.DurationConverter;

/**
 * One step of a load shape, written {@code 30s:connections=2000} or {@code 10s:rate=5000}: over its duration
 * the connections (or the requests per second) move in a straight line from the previous stage's value to
 * this one's. A stage of {@code 0s} is a step.
 *
 * @param duration how long the stage lasts
 * @param quantity what it moves
 * @param target   the value it reaches at its end: whole connections, or requests per second
 */
public record Stage(Duration duration, Quantity quantity, double target) {

    /** What a stage moves. */
    public enum Quantity {
        /** Open connections; each one runs the closed model (or --reconnect) while it is open. */
        CONNECTIONS,
        /** Requests per second in total, the open model's schedule. */
        RATE;

        /** As typed: {@code connections} or {@code rate}. */
        public String cliName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final String EXPECTED =
            "expected DURATION:connections=N or DURATION:rate=R, e.g. 30s:connections=200";

    public Stage {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("--stage " + format(duration, quantity, target) + ": duration "
                    + "(expected: >= 0)");
        }
        boolean whole = target == Math.rint(target);
        if (!(target >= 0) || Double.isInfinite(target) || (quantity == Quantity.CONNECTIONS && !whole)) {
            throw new IllegalArgumentException("--stage " + format(duration, quantity, target) + ": "
                    + quantity.cliName() + " (expected: " + (quantity == Quantity.CONNECTIONS ? "a whole number " : "")
                    + ">= 0)");
        }
    }

    /**
     * Reads {@code DURATION:connections=N} or {@code DURATION:rate=R}.
     *
     * @throws IllegalArgumentException naming what is expected
     */
    @JsonCreator
    public static Stage parse(String text) {
        int colon = text.indexOf(':');
        int equals = text.indexOf('=', colon + 1);
        if (colon < 1 || equals < 0) {
            throw new IllegalArgumentException("--stage '" + text + "' (" + EXPECTED + ")");
        }
        String name = text.substring(colon + 1, equals).trim().toUpperCase(Locale.ROOT);
        Quantity quantity;
        try {
            quantity = Quantity.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--stage '" + text + "': unknown '" + name.toLowerCase(Locale.ROOT)
                    + "' (" + EXPECTED + ")", e);
        }
        Duration duration;
        try {
            duration = DurationConverter.parse(text.substring(0, colon).trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--stage '" + text + "': " + e.getMessage(), e);
        }
        try {
            return new Stage(duration, quantity, Double.parseDouble(text.substring(equals + 1).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--stage '" + text + "': not a number after '=' (" + EXPECTED + ")", e);
        }
    }

    /** As typed: {@code 30s:connections=2000}, {@code 10s:rate=5000}. */
    @JsonValue
    @Override
    public String toString() {
        return format(duration, quantity, target);
    }

    private static String format(Duration duration, Quantity quantity, double target) {
        String value = target == Math.rint(target) ? Long.toString((long) target) : Double.toString(target);
        return DurationConverter.format(duration) + ":" + quantity.cliName() + "=" + value;
    }
}
