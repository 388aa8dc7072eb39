package org.c10klab.protocol.command;

import org.c10klab.protocol.resp.RespValue;

/**
 * What executing a command yields: a reply now, or a reply after a wait the model performs.
 *
 * <p>This is the seam the whole lab compares. The protocol decides <em>what</em> to answer and how
 * long the wait is; each concurrency model decides <em>how</em> to wait: a timer on an event loop,
 * {@code Thread.sleep} on a platform thread, a parked virtual thread.
 */
public sealed interface Reply {

    /** The value the client receives once any wait is over. */
    RespValue value();

    /** Send {@code value} at once. */
    record Now(RespValue value) implements Reply {
    }

    /** Send {@code value} at once, then close the connection (QUIT, protocol errors). */
    record NowThenClose(RespValue value) implements Reply {
    }

    /** Send {@code value} after {@code millis} of waiting without using a CPU (SLEEP: I/O wait). */
    record AfterSleep(long millis, RespValue value) implements Reply {
    }

    /** Send {@code value} after burning {@code micros} of CPU (WORK), e.g. with {@link CpuBurner}. */
    record AfterWork(long micros, RespValue value) implements Reply {
    }
}
