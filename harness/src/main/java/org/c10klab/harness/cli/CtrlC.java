package org.c10klab.harness.cli;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Routes Ctrl-C (SIGINT) and SIGTERM to a stop action while an experiment runs, instead of a shutdown
 * hook: the JVM must stay up long enough to report and write what was measured. Closing restores the
 * previous handlers.
 */
final class CtrlC implements AutoCloseable {

    private final SignalHandler previousInt;
    private final SignalHandler previousTerm;

    private CtrlC(SignalHandler previousInt, SignalHandler previousTerm) {
        this.previousInt = previousInt;
        this.previousTerm = previousTerm;
    }

    /** From now until {@link #close()}, both signals run {@code stop} (on a signal thread). */
    static CtrlC stops(Runnable stop) {
        SignalHandler handler = signal -> stop.run();
        return new CtrlC(Signal.handle(new Signal("INT"), handler), Signal.handle(new Signal("TERM"), handler));
    }

    @Override
    public void close() {
        Signal.handle(new Signal("INT"), previousInt);
        Signal.handle(new Signal("TERM"), previousTerm);
    }
}
