package org.c10klab.harness.cli;

import java.util.List;

/** For tests that press Ctrl-C on a child JVM: the child must receive SIGINT as it would in a terminal. */
final class TerminalSignals {

    /**
     * A command prefix that gives the child SIGINT's default disposition. A shell without job control starts a
     * background job (e.g. {@code mvn verify &} in a script) with SIGINT ignored, every descendant inherits that,
     * and a JVM started so keeps ignoring it, as POSIX intends; coreutils' {@code env} puts the default back.
     */
    static final List<String> RESTORE_SIGINT = List.of("env", "--default-signal=INT");

    private TerminalSignals() {
    }
}
