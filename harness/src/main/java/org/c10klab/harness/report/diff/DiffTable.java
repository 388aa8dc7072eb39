package org.c10klab.harness.report.diff;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.c10klab.harness.report.Plural;
import org.c10klab.harness.report.Units;
import org.c10klab.harness.result.CheckResult;

/** {@code c10k diff}'s report: a table per run or model of each figure before and after, and the assertions. */
public final class DiffTable {

    /** What a latency shows when one side timed nothing; an assertion on it fails. */
    private static final String NOT_MEASURED = "no samples";
    private static final String ROW = "  %-28s %12s %12s %10s  %s%n";

    private DiffTable() {
    }

    /** The table of {@code diff} and the verdicts of {@code checks}. */
    public static void print(RunDiff diff, List<CheckResult> checks, String baselineName, String runName,
                             PrintWriter out) {
        out.println("diff: " + describe(baselineName, diff.baseline()) + " -> " + describe(runName, diff.run()));
        String label = null;
        for (FigureChange change : diff.changes()) {
            if (!change.label().equals(label)) {
                label = change.label();
                out.println();
                out.printf(Locale.ROOT, ROW, label, "baseline", "run", "change",
                        diff.repeated() ? "beyond noise? (run/baseline, 99% interval)" : "");
            }
            out.printf(Locale.ROOT, ROW, change.figure().label(), number(change.baseline()), number(change.run()),
                    percent(change.percent()), diff.repeated() ? noise(change) : "");
        }
        out.println();
        out.println(diff.repeated()
                ? "beyond noise: Welch's t-test on the logarithms of the trials, Holm-corrected over every figure at 1%."
                : "single run, no noise estimate: compare folders with repeated trials (c10k compare --repeat N) "
                        + "tell a change from noise.");
        for (CheckResult check : checks) {
            out.printf("%s %s (actual %s)%n", check.passed() ? "PASS" : "FAIL", check.expression(), check.actual());
        }
    }

    /** A change in percent with its sign: {@code +6.4%}, {@code -12%}, {@code +inf%} from a zero baseline. */
    static String percent(double percent) {
        if (Double.isNaN(percent)) {
            return NOT_MEASURED;
        }
        if (Double.isInfinite(percent)) {
            return percent > 0 ? "+inf%" : "-inf%";
        }
        return (percent >= 0 ? "+" : "-") + Units.factor(Math.abs(percent)) + "%";
    }

    /** A change in the figure's unit with its sign: {@code +3}, {@code -0.42}. */
    static String signed(double change) {
        if (Double.isNaN(change)) {
            return NOT_MEASURED;
        }
        return (change >= 0 ? "+" : "-") + number(Math.abs(change));
    }

    private static String number(double value) {
        if (Double.isNaN(value)) {
            return NOT_MEASURED;
        }
        return value == Math.rint(value) ? Units.whole(value) : Units.factor(value);
    }

    private static String noise(FigureChange change) {
        if (change.difference() == null) {
            return "-";
        }
        return (change.beyondNoise() ? "yes " : "no ") + Units.ratio(change.difference().ratio()) + " "
                + Units.interval(change.difference().low(), change.difference().high());
    }

    private static String describe(String name, ResultFolder folder) {
        int most = folder.trials().values().stream().mapToInt(List::size).max().orElse(0);
        return name + " (" + folder.kind() + ", " + (folder.trials().size() > 1
                ? Plural.of(folder.trials().size(), "model") + ", " : "") + Plural.of(most, "trial")
                + (folder.trials().size() > 1 ? " each" : "") + ")";
    }
}
