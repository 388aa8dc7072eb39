package org.c10klab.netty;

import io.netty.channel.EventLoop;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.c10klab.protocol.command.CpuBurner;

/**
 * How the event-loop model carries out the waits a reply asks for: SLEEP as a timer on the
 * connection's event loop (no thread waits), WORK on that loop or on the offload pool. The two
 * blocking variants exist to show what they cost.
 */
final class EventLoopWaits {

    private final boolean sleepBlocksLoop;
    private final ExecutorService offload;

    /**
     * @param sleepBlocksLoop true to make SLEEP call {@code Thread.sleep} on the event loop
     * @param offload         where WORK runs, or null to run it on the event loop
     */
    EventLoopWaits(boolean sleepBlocksLoop, ExecutorService offload) {
        this.sleepBlocksLoop = sleepBlocksLoop;
        this.offload = offload;
    }

    /**
     * Waits {@code millis} without using a CPU.
     *
     * @return null when the wait is already over; else the pending wait, after which
     *         {@code afterwards} runs on {@code loop} unless the wait was cancelled first
     */
    Future<?> sleep(EventLoop loop, long millis, Runnable afterwards) {
        if (sleepBlocksLoop) {
            sleepOnThisThread(millis);
            return null;
        }
        return loop.schedule(afterwards, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Burns {@code micros} of CPU.
     *
     * @return null when the work is already done; else the pending work, after which
     *         {@code afterwards} runs on {@code loop} (cancelling it only spares work not yet started)
     */
    Future<?> work(EventLoop loop, long micros, Runnable afterwards) {
        if (offload == null) {
            CpuBurner.burn(micros);
            return null;
        }
        return offload.submit(() -> {
            CpuBurner.burn(micros);
            try {
                loop.execute(afterwards);
            } catch (RejectedExecutionException e) {
                // The server stopped while this WORK ran: its connection is closed, nobody awaits the reply.
            }
        });
    }

    private static void sleepOnThisThread(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            // Nothing here interrupts an event loop; should something, answer early and keep the flag.
            Thread.currentThread().interrupt();
        }
    }
}
