package org.c10klab.harness.report.diff;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.c10klab.harness.report.Threshold;
import org.c10klab.harness.result.CheckResult;

/**
 * One {@code c10k diff --assert}: a bound on how far a figure may move from the baseline, as a percentage
 * ({@code p99<=+10%}, {@code rps>=-5%}) or in the figure's own unit ({@code errors<=+0}, {@code p99<+5}, in ms).
 * Every run or model the folders share must meet it.
 *
 * @param expression as given
 * @param figure     the figure it bounds
 * @param operator   one of {@code < <= = >= >}
 * @param limit      the bound on the change
 * @param percent    true when the bound is in percent of the baseline
 */
public record DiffAssertion(String expression, DiffFigure figure, String operator, double limit, boolean percent) {

    /** The syntax, for help and error texts. */
    public static final String SYNTAX = "FIGURE OP CHANGE, e.g. p99<=+10% or errors<=+0";

    private static final Pattern FORMAT =
            Pattern.compile("\\s*([a-z_.0-9]+?)\\s*(<=|>=|==|=|<|>)\\s*([+-]?\\d+(?:\\.\\d+)?)(%?)\\s*");

    /**
     * Reads an assertion.
     *
     * @throws IllegalArgumentException naming what is wrong and the syntax
     */
    public static DiffAssertion parse(String expression) {
        Matcher m = FORMAT.matcher(expression.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("--assert '" + expression + "': expected " + SYNTAX);
        }
        DiffFigure figure = DiffFigure.named(m.group(1)).orElseThrow(() -> new IllegalArgumentException(
                "--assert '" + expression + "': unknown figure '" + m.group(1) + "' (expected " + DiffFigure.names()
                        + ")"));
        return new DiffAssertion(expression, figure, m.group(2), Double.parseDouble(m.group(3)),
                !m.group(4).isEmpty());
    }

    /** The verdict over {@code diff}: passed when every shared run or model meets the bound. */
    public CheckResult evaluate(RunDiff diff) {
        List<FigureChange> changes = diff.changes().stream()
                .filter(change -> change.figure().name().equals(figure.name())).toList();
        if (changes.isEmpty()) {
            // An outcome neither side saw did not change.
            return new CheckResult(expression, Threshold.holds(0, operator, limit), "+0");
        }
        boolean passed = changes.stream().allMatch(c -> Threshold.holds(change(c), operator, limit));
        String actual = String.join(", ", changes.stream()
                .map(c -> (changes.size() > 1 ? c.label() + " " : "") + shown(c)).toList());
        return new CheckResult(expression, passed, actual);
    }

    private double change(FigureChange change) {
        return percent ? change.percent() : change.absolute();
    }

    private String shown(FigureChange change) {
        return percent ? DiffTable.percent(change.percent()) : DiffTable.signed(change.absolute());
    }
}
