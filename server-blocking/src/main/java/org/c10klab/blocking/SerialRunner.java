package org.c10klab.blocking;

import java.time.Duration;
import java.util.Map;

/** The serial model: the accept thread serves each connection itself, so the next one waits in the kernel's accept queue. */
final class SerialRunner implements ConnectionRunner {

    @Override
    public void run(ConnectionHandler handler) {
        handler.run();
    }

    @Override
    public void addInfo(Map<String, Object> fields) {
        fields.put("connection_threads", 1); // the accept thread, serving or waiting
    }

    @Override
    public long liveVirtualThreads() {
        return 0;
    }

    @Override
    public void shutdown() {
        // Nothing waits here: a connection not yet accepted is still in the kernel's queue.
    }

    @Override
    public boolean awaitTermination(Duration timeout) {
        return true; // the only thread is the accept thread, which the server joins
    }

    @Override
    public void close() {
        // nothing registered
    }
}
