package org.c10klab.harness.report;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.c10klab.harness.flood.Outcome;
import org.c10klab.harness.result.CheckResult;
import org.c10klab.harness.result.FloodResult;
import org.c10klab.harness.result.LatencySummary;
import org.c10klab.harness.result.OutcomeCounts;
import org.c10klab.server.DurationConverter;

/**
 * One {@code --assert} threshold, e.g. {@code p99<50ms}, {@code errors<1%}, {@code connect_timeout=0},
 * {@code connect.p99<=1s}, {@code rps>=1000}, {@code unanswered=0}, and its verdict on a result.
 */
public final class Threshold {

    /** The syntax, for help and error texts. */
    public static final String SYNTAX = "[connect.|request.]METRIC OP VALUE, METRIC one of p50 p90 p99 p99.9 min "
            + "mean max (a duration, e.g. 50ms), errors (a count or a percentage), an outcome (" + Outcome.labels()
            + "), unanswered, rps; OP one of < <= = >= >";

    private static final Pattern FORMAT = Pattern.compile("\\s*([a-z_.0-9]+?)\\s*(<=|>=|==|=|<|>)\\s*(\\S+)\\s*");
    private static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d+)?)%");

    private enum Kind { LATENCY, ERRORS, OUTCOME, UNANSWERED, RATE }

    private final String expression;
    private final Kind kind;
    private final String phase;
    private final String metric;
    private final String operator;
    private final double value;
    private final boolean percent;

    private Threshold(String expression, Kind kind, String phase, String metric, String operator, double value,
                      boolean percent) {
        this.expression = expression;
        this.kind = kind;
        this.phase = phase;
        this.metric = metric;
        this.operator = operator;
        this.value = value;
        this.percent = percent;
    }

    /**
     * Reads a threshold.
     *
     * @throws IllegalArgumentException with the expected syntax, for anything else
     */
    public static Threshold parse(String expression) {
        Matcher m = FORMAT.matcher(expression.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("--assert '" + expression + "': expected " + SYNTAX);
        }
        String subject = m.group(1);
        String phase = null;
        if (subject.startsWith("connect.") || subject.startsWith("request.")) {
            phase = subject.substring(0, subject.indexOf('.'));
            subject = subject.substring(phase.length() + 1);
        }
        String operator = m.group(2).equals("==") ? "=" : m.group(2);
        String text = m.group(3);
        Kind kind = kind(expression, subject);
        if (kind == Kind.LATENCY) {
            try {
                return new Threshold(expression, kind, phase == null ? "request" : phase, subject, operator,
                        DurationConverter.parse(text).toNanos() / 1e6, false);
            } catch (IllegalArgumentException e) {
                throw invalid(expression, "latency needs a duration like 50ms or 1s");
            }
        }
        if ((kind == Kind.UNANSWERED || kind == Kind.RATE) && phase != null) {
            throw invalid(expression, subject + " has no connect./request. prefix");
        }
        Matcher percentage = PERCENT.matcher(text);
        boolean percent = percentage.matches();
        if (percent && (kind == Kind.UNANSWERED || kind == Kind.RATE)) {
            throw invalid(expression, subject + " is a count, not a percentage");
        }
        try {
            return new Threshold(expression, kind, phase, subject, operator,
                    Double.parseDouble(percent ? percentage.group(1) : text), percent);
        } catch (NumberFormatException e) {
            throw invalid(expression, "'" + text + "' is not a number or a percentage");
        }
    }

    /** The verdict of this threshold on {@code result}. */
    public CheckResult evaluate(FloodResult result) {
        return switch (kind) {
            case LATENCY -> latency("connect".equals(phase) ? result.connectLatency() : result.requestLatency());
            case ERRORS -> share(failures(result), operations(result));
            case OUTCOME -> share(outcomes(result, Outcome.fromLabel(metric)), operations(result));
            case UNANSWERED -> verdict(result.accounting().unansweredConnections(),
                    Long.toString(result.accounting().unansweredConnections()));
            case RATE -> verdict(result.requestsPerSecond(), String.format(Locale.ROOT, "%.1f/s",
                    result.requestsPerSecond()));
        };
    }

    private CheckResult latency(LatencySummary latency) {
        if (latency.count() == 0) {
            return new CheckResult(expression, false, "no samples");
        }
        double millis = switch (metric) {
            case "p50" -> latency.p50Ms();
            case "p90" -> latency.p90Ms();
            case "p99" -> latency.p99Ms();
            case "p99.9" -> latency.p999Ms();
            case "min" -> latency.minMs();
            case "mean" -> latency.meanMs();
            default -> latency.maxMs();
        };
        return verdict(millis, String.format(Locale.ROOT, "%.3fms", millis));
    }

    private CheckResult share(long count, long total) {
        if (!percent) {
            return verdict(count, Long.toString(count));
        }
        double share = total == 0 ? 0 : 100.0 * count / total;
        return verdict(share, String.format(Locale.ROOT, "%.3f%% (%d of %d)", share, count, total));
    }

    private CheckResult verdict(double actual, String shown) {
        return new CheckResult(expression, holds(actual, operator, value), shown);
    }

    /** Whether {@code actual OPERATOR limit} holds, for one of {@code < <= = == >= >}. */
    public static boolean holds(double actual, String operator, double limit) {
        return switch (operator) {
            case "<" -> actual < limit;
            case "<=" -> actual <= limit;
            case ">" -> actual > limit;
            case ">=" -> actual >= limit;
            default -> actual == limit;
        };
    }

    private long failures(FloodResult result) {
        return switch (phaseOrBoth()) {
            case "connect" -> result.connections().failures();
            case "request" -> result.requests().failures();
            default -> result.connections().failures() + result.requests().failures();
        };
    }

    private long outcomes(FloodResult result, Outcome outcome) {
        return switch (phaseOrBoth()) {
            case "connect" -> result.connections().count(outcome);
            case "request" -> result.requests().count(outcome);
            default -> result.connections().count(outcome) + result.requests().count(outcome);
        };
    }

    // "errors<1%" of what: of attempts, of requests, or of both together, so a flood where nothing
    // connected cannot pass for one without errors.
    private long operations(FloodResult result) {
        OutcomeCounts connections = result.connections();
        OutcomeCounts requests = result.requests();
        return switch (phaseOrBoth()) {
            case "connect" -> connections.total();
            case "request" -> requests.total();
            default -> connections.total() + requests.total();
        };
    }

    private String phaseOrBoth() {
        return phase == null ? "both" : phase;
    }

    private static Kind kind(String expression, String subject) {
        switch (subject) {
            case "p50", "p90", "p99", "p99.9", "min", "mean", "max" -> {
                return Kind.LATENCY;
            }
            case "errors" -> {
                return Kind.ERRORS;
            }
            case "unanswered" -> {
                return Kind.UNANSWERED;
            }
            case "rps" -> {
                return Kind.RATE;
            }
            default -> {
                try {
                    Outcome.fromLabel(subject);
                    return Kind.OUTCOME;
                } catch (IllegalArgumentException e) {
                    throw invalid(expression, "unknown metric '" + subject + "'");
                }
            }
        }
    }

    /** The expression has the shape, so name what is wrong with it; the whole grammar would bury that. */
    private static IllegalArgumentException invalid(String expression, String why) {
        return new IllegalArgumentException("--assert '" + expression + "': " + why + " (see --help for the syntax)");
    }

    @Override
    public String toString() {
        return expression;
    }
}
