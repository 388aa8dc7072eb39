package org.c10klab.harness.launch;

import java.util.List;

/**
 * How the JVMs of {@code flood --workers N} compile. Each worker compiles the same flood code; with more workers
 * than cores, their optimizing (C2) compilers take the CPU the floods need. Six workers of a 100 000-connection
 * flood on 2 cores spent 5 s each in C2 and started clients up to 34 s late: 98 524 of the connections were made
 * in 30 s. Compiling with C1 alone, all 100 000 were, and the flood's seven JVMs used 67-76 s of CPU instead of 101.
 */
public final class WorkerJit {

    /** C1 alone: code a little slower in the steady state, compiled at a fraction of the cost. */
    static final String C1_ONLY = "-XX:TieredStopAtLevel=1";

    private WorkerJit() {
    }

    /** True when {@code workers} JVMs outnumber the {@code cores} and so compile with C1 alone. */
    public static boolean c1Only(int workers, int cores) {
        return workers > cores;
    }

    /** The JVM options each of {@code workers} worker JVMs gets on a machine with {@code cores}. */
    static List<String> jvmOptions(int workers, int cores) {
        return c1Only(workers, cores) ? List.of(C1_ONLY) : List.of();
    }
}
