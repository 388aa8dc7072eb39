package org.c10klab.harness.cli;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * While open, Ctrl-C (SIGINT) and SIGTERM run a stop action instead of ending the JVM, so an experiment
 * can stop its servers itself and still write what it measured; closing restores the previous handlers.
 */
final class StopOnSignal implements AutoCloseable {

    private final SignalHandler previousInt;
    private final SignalHandler previousTerm;

    StopOnSignal(Runnable stop) {
        SignalHandler handler = signal -> stop.run();
        previousInt = Signal.handle(new Signal("INT"), handler);
        previousTerm = Signal.handle(new Signal("TERM"), handler);
    }

    @Override
    public void close() {
        Signal.handle(new Signal("INT"), previousInt);
        Signal.handle(new Signal("TERM"), previousTerm);
    }
}
