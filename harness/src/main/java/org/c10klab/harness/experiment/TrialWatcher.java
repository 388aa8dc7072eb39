package org.c10klab.harness.experiment;

import org.c10klab.harness.launch.ServerProcess;
import org.c10klab.harness.run.FloodRun;

/** Learns of a trial's server and measured flood while that flood runs, e.g. to have Prometheus scrape them. */
public interface TrialWatcher {

    /** Watches nothing. */
    TrialWatcher NONE = new TrialWatcher() {
        @Override
        public void watch(ServerProcess server, FloodRun measured) {
        }

        @Override
        public void unwatch() {
        }
    };

    /**
     * {@code measured} is about to run against {@code server}.
     *
     * @throws java.io.UncheckedIOException when what the watcher writes cannot be written; the trial then fails
     */
    void watch(ServerProcess server, FloodRun measured);

    /** The measured flood is over, however it ended; the server is about to stop. */
    void unwatch();
}
