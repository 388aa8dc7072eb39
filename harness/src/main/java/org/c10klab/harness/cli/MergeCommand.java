package org.c10klab.harness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.c10klab.harness.merge.FloodMerge;
import org.c10klab.harness.merge.SegmentOutput;
import org.c10klab.harness.merge.SegmentSet;
import org.c10klab.harness.report.MergedReport;
import org.c10klab.harness.report.OutputFolder;
import org.c10klab.harness.report.Threshold;
import org.c10klab.harness.result.FloodResult;
import org.c10klab.harness.result.MergedSegments;
import org.c10klab.harness.run.RunArtifacts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code c10k merge}: the segments of one flood ({@code flood --segment I/N}) added up to the whole flood. */
@Command(name = "merge", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Add up the results of the N segments of one flood (c10k flood --segment I/N --out DIR): outcome "
                    + "counts summed, latency percentiles from the added histograms, timelines on one wall clock, "
                    + "and --assert judged on the whole.",
        },
        footer = {
            "",
            "Writes results.json, results.csv and latency.hlog of the whole flood, and segments.json, one entry "
                    + "per segment.",
            "Exit codes: 0 merged and every --assert passed; 1 an --assert failed; 2 bad usage, or segments that "
                    + "do not belong together (different floods, one given twice, one missing without "
                    + "--allow-partial).",
            "Example:",
            "  c10k merge seg0 seg1 --out whole --assert \"p99<50ms\"",
        })
public final class MergeCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "The --out folder of each segment.")
    List<Path> folders;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the merged result goes.")
    Path out;

    @Option(names = "--assert", paramLabel = "EXPR",
            description = "A threshold on the merged flood, repeatable, as for flood: \"p99<50ms\", "
                    + "\"errors<1%%\". Exit 1 when one fails.")
    List<String> asserts = new ArrayList<>();

    @Option(names = "--allow-partial",
            description = "Merge the segments that are there when some are missing; the result is marked partial.")
    boolean allowPartial;

    @Override
    public Integer call() throws IOException {
        SegmentSet set;
        List<Threshold> thresholds = new ArrayList<>();
        try {
            for (String expression : asserts) {
                thresholds.add(Threshold.parse(expression));
            }
            OutputFolder.requireUsable(out);
            List<SegmentOutput> outputs = new ArrayList<>();
            for (Path folder : folders) {
                outputs.add(SegmentOutput.read(folder));
            }
            set = SegmentSet.of(outputs, allowPartial);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        RunArtifacts merged = FloodMerge.merge(set);
        FloodResult measured = merged.result();
        FloodResult result = measured.withChecks(thresholds.stream().map(t -> t.evaluate(measured)).toList());
        MergedSegments table = FloodMerge.table(set);
        PrintWriter stdout = spec.commandLine().getOut();
        MergedReport.print(merged.withResult(result), table, stdout);
        MergedReport.write(merged.withResult(result), table, out);
        stdout.println("merged results written to " + out.toAbsolutePath());
        stdout.flush();
        return ExitCode.of(result, false, "merge", spec.commandLine().getErr());
    }
}
