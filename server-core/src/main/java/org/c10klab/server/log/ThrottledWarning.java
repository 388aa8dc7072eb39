package org.c10klab.server.log;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/** A warning logged at most once per interval, saying how many occurrences it held back meanwhile. */
public final class ThrottledWarning {

    private final Logger log;
    private final long intervalNanos;
    private final AtomicLong nextLogNanos = new AtomicLong(System.nanoTime());
    private final AtomicLong heldBack = new AtomicLong();

    public ThrottledWarning(Logger log, Duration interval) {
        this.log = log;
        this.intervalNanos = interval.toNanos();
    }

    /** Logs {@code message} now unless one was logged less than an interval ago. */
    public void warn(String message) {
        long now = System.nanoTime();
        long next = nextLogNanos.get();
        if (now - next < 0 || !nextLogNanos.compareAndSet(next, now + intervalNanos)) {
            heldBack.incrementAndGet();
            return;
        }
        long skipped = heldBack.getAndSet(0);
        if (skipped == 0) {
            log.warn(message);
        } else {
            log.warn("{} ({} more since the last report)", message, skipped);
        }
    }
}
