package org.c10klab.blocking;

import java.time.Duration;
import java.util.Map;

/**
 * What a model is: how it holds an accepted connection, that is, on which thread the connection's
 * handler runs while it reads, sleeps and writes.
 */
sealed interface ConnectionRunner extends AutoCloseable
        permits SerialRunner, ThreadPerConnectionRunner, PoolRunner {

    /** Runs {@code handler} on the model's thread; called on the accept thread, which it blocks only in the serial model. */
    void run(ConnectionHandler handler);

    /** Adds this model's INFO fields after the standard ones. */
    void addInfo(Map<String, Object> fields);

    /** Virtual threads alive now that this runner started; 0 where it starts none. */
    long liveVirtualThreads();

    /** Takes no more connections; those accepted but not yet running are closed. */
    void shutdown() throws InterruptedException;

    /**
     * Waits for the model's own threads to end after every connection closed.
     *
     * @return true when they all ended within {@code timeout}
     */
    boolean awaitTermination(Duration timeout) throws InterruptedException;

    /** Releases what the runner registered, such as metrics binders. */
    @Override
    void close();
}
