package org.c10klab.blocking;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.c10klab.server.DurationConverter;

/**
 * The pool model: a fixed set of platform threads, each holding one connection at a time. A new
 * connection waits at most the admission timeout for a free thread, then is refused with
 * {@code -ERR max clients reached}.
 *
 * <p>One admission thread takes waiting connections in arrival order and waits on a semaphore of
 * free pool threads until each one's own deadline. Deadlines grow in arrival order, so waiting
 * for them one after another is the same as waiting for all at once.
 */
final class PoolRunner implements ConnectionRunner {

    /** A connection in line for a pool thread, until {@code deadlineNanos} ({@link System#nanoTime()}). */
    private record Waiting(ConnectionHandler handler, long deadlineNanos) {
    }

    private final int poolSize;
    private final Duration admissionTimeout;
    private final Semaphore freeThreads;
    private final ThreadPoolExecutor pool;
    private final LinkedBlockingQueue<Waiting> waiting = new LinkedBlockingQueue<>();
    private final Thread admission;
    private volatile boolean shutDown;

    PoolRunner(int poolSize, Duration admissionTimeout) {
        this.poolSize = poolSize;
        this.admissionTimeout = admissionTimeout;
        this.freeThreads = new Semaphore(poolSize);
        this.pool = new ThreadPoolExecutor(poolSize, poolSize, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                Thread.ofPlatform().name("pool-", 1).factory());
        // Start them all now: a pool's threads exist before its first connection, and INFO should say so.
        pool.prestartAllCoreThreads();
        admission = Thread.ofPlatform().name("pool-admission").start(this::admit);
    }

    @Override
    public void run(ConnectionHandler handler) {
        waiting.add(new Waiting(handler, System.nanoTime() + admissionTimeout.toNanos()));
        if (shutDown) {
            closeWaiting(); // accepted while the server stopped: the admission thread may be gone
        }
    }

    @Override
    public void addInfo(Map<String, Object> fields) {
        fields.put("connection_threads", poolSize);
        fields.put("pool_size", poolSize);
        fields.put("pool_busy", poolSize - freeThreads.availablePermits());
        fields.put("admission_waiting", waiting.size());
        fields.put("admission_timeout", DurationConverter.format(admissionTimeout));
    }

    @Override
    public long liveVirtualThreads() {
        return 0;
    }

    @Override
    public void shutdown() throws InterruptedException {
        shutDown = true;
        admission.interrupt();
        admission.join();
        pool.shutdown();
    }

    @Override
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return pool.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    /** The admission thread: hands each waiting connection a free pool thread, or refuses it at its deadline. */
    private void admit() {
        Waiting next = null;
        try {
            while (true) {
                next = waiting.take();
                long remaining = next.deadlineNanos() - System.nanoTime();
                if (freeThreads.tryAcquire(Math.max(0, remaining), TimeUnit.NANOSECONDS)) {
                    ConnectionHandler admitted = next.handler();
                    pool.execute(() -> {
                        try {
                            admitted.run();
                        } finally {
                            freeThreads.release();
                        }
                    });
                } else {
                    next.handler().rejectMaxClients();
                }
                next = null;
            }
        } catch (InterruptedException e) {
            // shutdown(): whoever has not been admitted yet is closed unanswered, as if never accepted
            if (next != null) {
                next.handler().close();
            }
            closeWaiting();
        }
    }

    private void closeWaiting() {
        List<Waiting> left = new ArrayList<>();
        waiting.drainTo(left);
        left.forEach(w -> w.handler().close());
    }
}
