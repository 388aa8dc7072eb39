package org.c10klab.netty;

import java.time.Duration;

/** Counts replies still owed after a wait (SLEEP, offloaded WORK), so a stop can drain them. */
final class PendingReplies {

    private int owed;

    /** A reply will be written later. */
    synchronized void begin() {
        owed++;
    }

    /** A reply that was owed has been written (or its connection is gone). */
    synchronized void end() {
        owed--;
        if (owed == 0) {
            notifyAll();
        }
    }

    /**
     * Waits until no reply is owed or {@code timeout} has passed.
     *
     * @return true when none is owed
     */
    synchronized boolean awaitNone(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (owed > 0) {
            long leftNanos = deadline - System.nanoTime();
            if (leftNanos <= 0) {
                return false;
            }
            wait(Math.max(1, leftNanos / 1_000_000));
        }
        return true;
    }
}
