package org.c10klab.protocol.command;

import java.util.concurrent.TimeUnit;

/** Keeps the calling thread busy on a CPU for a given time: the WORK command's CPU-bound stand-in. */
public final class CpuBurner {

    private CpuBurner() {
    }

    /**
     * Spins for {@code micros} of wall-clock time doing arithmetic the JIT cannot remove.
     *
     * @return a value derived from the work, so the loop has an observable result
     */
    public static long burn(long micros) {
        long deadline = System.nanoTime() + TimeUnit.MICROSECONDS.toNanos(micros);
        long state = 0x9E3779B97F4A7C15L;
        do {
            for (int i = 0; i < 256; i++) {
                // xorshift: cheap, data-dependent, not constant-foldable
                state ^= state << 13;
                state ^= state >>> 7;
                state ^= state << 17;
            }
        } while (System.nanoTime() < deadline);
        return state;
    }
}
