package org.c10klab.server;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Parses durations as users type them: {@code 500ms}, {@code 2s}, {@code 1m}, {@code 1h}, or {@code 0}. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    private static final Pattern FORMAT = Pattern.compile("(\\d+)\\s*(us|ms|s|m|h)?");

    @Override
    public Duration convert(String text) {
        return parse(text);
    }

    /**
     * @throws IllegalArgumentException with the accepted forms, for anything else
     */
    public static Duration parse(String text) {
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (expected e.g. 500ms, 2s, 1m)");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2);
        if (unit == null) {
            if (amount != 0) {
                throw new IllegalArgumentException("'" + text + "' needs a unit (expected e.g. 500ms, 2s, 1m)");
            }
            return Duration.ZERO;
        }
        return switch (unit) {
            case "us" -> Duration.ofNanos(amount * 1_000);
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }

    /** The shortest exact form, e.g. {@code 2s}, {@code 1500ms} or {@code 250us} (whole microseconds). */
    public static String format(Duration duration) {
        long micros = duration.toNanos() / 1_000;
        if (micros == 0) {
            return "0ms";
        }
        if (micros % 1_000 != 0) {
            return micros + "us";
        }
        long millis = micros / 1_000;
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
