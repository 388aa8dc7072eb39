package org.c10klab.harness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.c10klab.harness.report.diff.DiffAssertion;
import org.c10klab.harness.report.diff.DiffTable;
import org.c10klab.harness.report.diff.ResultFolder;
import org.c10klab.harness.report.diff.RunDiff;
import org.c10klab.harness.result.CheckResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code c10k diff}: how a run's headline figures moved from a saved baseline's, and whether beyond noise. */
@Command(name = "diff", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Compare two output folders of c10k flood --out (results.json) or of c10k compare (compare.json, every "
                    + "model both share): the change of each headline figure (ok requests/s, request p50/p90/p99/max, "
                    + "connect p99, connections made, requests ok, failures and each failure outcome).",
            "With repeated trials on both sides (compare --repeat N), says whether each change is beyond the trials' "
                    + "noise (Welch's t-test on the logarithms, Holm-corrected at 1%); a single run has no noise "
                    + "estimate.",
        },
        footer = {
            "",
            "Exit codes: 0 every --assert passed; 1 an --assert failed; 2 bad usage (a folder missing or not a "
                    + "result folder).",
            "Examples:",
            "  c10k diff results/baseline results/today",
            "  c10k diff results/baseline results/today --assert \"p99<=+10%\" --assert \"rps>=-5%\" "
                    + "--assert \"errors<=+0\"",
        })
public final class DiffCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BASELINE_DIR", description = "The folder to compare against.")
    Path baseline;

    @Parameters(index = "1", paramLabel = "RUN_DIR", description = "The folder of the run to judge.")
    Path run;

    @Option(names = "--assert", paramLabel = "EXPR",
            description = "A bound on a change, repeatable: \"p99<=+10%%\" (percent of the baseline), \"rps>=-5%%\", "
                    + "\"errors<=+0\" (in the figure's unit: ms, counts, req/s). FIGURE is one of rps p50 p90 p99 max "
                    + "connect.p99 connections requests errors, or an outcome (refused, reset, ...). Every run or "
                    + "model both folders hold must meet it. Exit 1 when one fails.")
    List<String> asserts = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        RunDiff diff;
        List<DiffAssertion> assertions = new ArrayList<>();
        try {
            for (String expression : asserts) {
                assertions.add(DiffAssertion.parse(expression));
            }
            diff = RunDiff.of(ResultFolder.read(baseline), ResultFolder.read(run));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        List<CheckResult> checks = assertions.stream().map(assertion -> assertion.evaluate(diff)).toList();
        PrintWriter stdout = spec.commandLine().getOut();
        DiffTable.print(diff, checks, baseline.toString(), run.toString(), stdout);
        stdout.flush();
        return checks.stream().allMatch(CheckResult::passed) ? ExitCode.OK : ExitCode.ASSERT_FAILED;
    }
}
