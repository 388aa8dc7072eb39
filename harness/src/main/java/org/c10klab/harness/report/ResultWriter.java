package org.c10klab.harness.report;

import java.io.IOException;
import java.io.Writer;
import org.c10klab.harness.run.RunArtifacts;

/** Writes one export of a finished run. */
@FunctionalInterface
public interface ResultWriter {

    void write(RunArtifacts artifacts, Writer out) throws IOException;
}
