package org.c10klab.server.log;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Logback's asynchronous appender made exact about loss: a logging call never waits, and an event
 * that finds the queue full, or the appender stopped, is counted as dropped instead of vanishing.
 */
final class DroppingAsyncAppender extends AsyncAppender {

    private final LongAdder dropped;
    /**
     * Logback's own put() ignores what offer() returns when neverBlock is set. Under this lock the
     * free capacity seen cannot shrink before the offer (only the worker takes, which adds room),
     * so every event is either queued or counted. Held for a check and an offer, never for I/O.
     */
    private final ReentrantLock producers = new ReentrantLock();
    /** Guarded by {@link #producers}: false once {@link #stop()} began, so nothing is queued behind the final flush. */
    private boolean accepting = true;

    /**
     * @param queueSize    events the queue holds while the sink is slow
     * @param flushTimeout how long {@link #stop()} waits for the queue to reach the sink
     * @param dropped      where drops are counted; shared when several appenders feed one meter
     */
    DroppingAsyncAppender(String name, int queueSize, Duration flushTimeout, LongAdder dropped) {
        this.dropped = dropped;
        setName(name);
        setQueueSize(queueSize);
        setNeverBlock(true);
        setDiscardingThreshold(0); // Logback's default discards INFO and below once the queue is 80% full
        setMaxFlushTime(Math.toIntExact(flushTimeout.toMillis()));
    }

    @Override
    public void doAppend(ILoggingEvent event) {
        if (!isStarted()) {
            dropped.increment(); // Logback would only note it in its status list
            return;
        }
        super.doAppend(event);
    }

    @Override
    protected void put(ILoggingEvent event) {
        producers.lock();
        try {
            if (!accepting || getRemainingCapacity() == 0) {
                dropped.increment();
                return;
            }
            super.put(event);
        } finally {
            producers.unlock();
        }
    }

    @Override
    public void stop() {
        producers.lock();
        try {
            accepting = false;
        } finally {
            producers.unlock();
        }
        super.stop();
    }
}
