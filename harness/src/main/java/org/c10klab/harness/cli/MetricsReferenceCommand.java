package org.c10klab.harness.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.c10klab.harness.report.MetricsReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code c10k metrics-reference}: writes docs/metrics.md, every exported series, from real registries. */
@Command(name = "metrics-reference", mixinStandardHelpOptions = true,
        description = "List every series the servers, the balancer and the harness export (name, type, labels, "
                + "HELP) as Markdown, from the registries of real servers started in this JVM on loopback "
                + "ephemeral ports. The project's docs/metrics.md is this output.",
        footer = {"", "Example:", "  " + MetricsReference.REGENERATE})
public final class MetricsReferenceCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", paramLabel = "FILE", description = "Write here instead of stdout.")
    Path out;

    @Override
    public Integer call() throws IOException, InterruptedException {
        String reference = MetricsReference.generate();
        if (out == null) {
            spec.commandLine().getOut().print(reference);
            spec.commandLine().getOut().flush();
        } else {
            Files.writeString(out, reference, StandardCharsets.UTF_8);
        }
        return 0;
    }
}
