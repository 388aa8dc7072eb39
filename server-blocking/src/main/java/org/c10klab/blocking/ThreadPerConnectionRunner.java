package org.c10klab.blocking;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import org.c10klab.server.log.ThrottledWarning;
import org.c10klab.server.observe.ServerMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads and virtual models: one new thread per connection. The code is the same for both;
 * only the thread factory differs, which is exactly the comparison the lab makes.
 */
final class ThreadPerConnectionRunner implements ConnectionRunner {

    private static final Logger log = LoggerFactory.getLogger(ThreadPerConnectionRunner.class);
    private static final Duration POLL = Duration.ofMillis(10);

    private final ThreadFactory threads;
    private final AtomicLong live = new AtomicLong();
    private final ThrottledWarning startFailures = new ThrottledWarning(log, Duration.ofSeconds(1));
    /** Present in the virtual model only. */
    private final VirtualThreadObserver virtualThreads;

    private ThreadPerConnectionRunner(ThreadFactory threads, ServerMetrics virtualThreadMetrics) {
        this.threads = threads;
        this.virtualThreads = virtualThreadMetrics == null ? null
                : new VirtualThreadObserver(virtualThreadMetrics, live::get);
    }

    /** The threads model: a new platform thread per connection, named {@code conn-N}. */
    static ThreadPerConnectionRunner platformThreads() {
        return new ThreadPerConnectionRunner(Thread.ofPlatform().name("conn-", 1).factory(), null);
    }

    /** The virtual model: a new virtual thread per connection, counted and published in {@code metrics}. */
    static ThreadPerConnectionRunner virtualThreads(ServerMetrics metrics) {
        return new ThreadPerConnectionRunner(Thread.ofVirtual().name("vconn-", 1).factory(), metrics);
    }

    @Override
    public void run(ConnectionHandler handler) {
        live.incrementAndGet();
        try {
            threads.newThread(() -> {
                try {
                    handler.run();
                } finally {
                    live.decrementAndGet();
                }
            }).start();
        } catch (OutOfMemoryError e) {
            // "unable to create native thread": pid_max, ulimit -u or memory. Refuse this one, keep the rest.
            live.decrementAndGet();
            startFailures.warn("cannot start a thread for a new connection with " + live.get()
                    + " connection threads alive (" + e.getMessage() + "); refusing it with 'max clients reached'");
            handler.rejectMaxClients();
        }
    }

    @Override
    public void addInfo(Map<String, Object> fields) {
        fields.put("connection_threads", live.get());
        if (virtualThreads != null) {
            virtualThreads.addInfo(fields);
        }
    }

    @Override
    public long liveVirtualThreads() {
        return virtualThreads == null ? 0 : live.get();
    }

    @Override
    public void shutdown() {
        // Every accepted connection already runs on its own thread; the server drains them.
    }

    @Override
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (live.get() > 0) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(POLL);
        }
        return true;
    }

    @Override
    public void close() {
        if (virtualThreads != null) {
            virtualThreads.close();
        }
    }
}
