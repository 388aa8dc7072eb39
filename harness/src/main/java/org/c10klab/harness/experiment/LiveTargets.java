package org.c10klab.harness.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.c10klab.harness.launch.PrometheusTargets;
import org.c10klab.harness.launch.ServerProcess;
import org.c10klab.harness.run.FloodRun;
import org.c10klab.server.observe.MetricsHttpServer;

/**
 * {@code --prometheus-sd} of compare and sweep: while a trial's measured flood runs, its server's endpoint
 * and the harness's own are listed in a file for Prometheus's file-based service discovery, labelled with the
 * model and the trial, so a scrape follows the child JVMs as they come and go. The harness serves the
 * running flood's meters on one loopback port for the whole experiment; between floods it serves nothing.
 */
public final class LiveTargets implements AutoCloseable {

    private final PrometheusTargets file;
    private final MetricsHttpServer harnessEndpoint;
    private final AtomicReference<FloodRun> measuring = new AtomicReference<>();

    /**
     * Empties {@code sdFile} and starts the harness's endpoint on an ephemeral loopback port.
     *
     * @throws IOException when the file cannot be written or the port cannot be bound
     */
    public LiveTargets(Path sdFile) throws IOException {
        this.file = new PrometheusTargets(sdFile);
        this.harnessEndpoint = new MetricsHttpServer(InetAddress.getLoopbackAddress().getHostAddress(), 0,
                () -> {
                    FloodRun flood = measuring.get();
                    return flood == null ? "" : flood.registry().scrape();
                }, () -> true, Map.of());
    }

    /** The watcher of one trial: {@code label}'s {@code trial}-th. */
    TrialWatcher forTrial(String label, int trial) {
        Map<String, String> labels = Map.of(PrometheusTargets.LABEL_MODEL, label,
                PrometheusTargets.LABEL_TRIAL, Integer.toString(trial));
        return new TrialWatcher() {
            @Override
            public void watch(ServerProcess server, FloodRun measured) {
                measuring.set(measured);
                publish(List.of(
                        target(server.listening().metrics(), PrometheusTargets.JOB_SERVER, labels),
                        target(harnessEndpoint.address(), PrometheusTargets.JOB_HARNESS, labels)));
            }

            @Override
            public void unwatch() {
                publish(List.of());
                measuring.set(null);
            }
        };
    }

    /** Empties the file and stops the harness's endpoint. */
    @Override
    public void close() {
        try {
            publish(List.of());
        } finally {
            harnessEndpoint.close();
        }
    }

    private void publish(List<PrometheusTargets.Target> targets) {
        try {
            file.publish(targets);
        } catch (IOException e) {
            throw new UncheckedIOException("--prometheus-sd: cannot write " + file.file() + ": " + e.getMessage(), e);
        }
    }

    private static PrometheusTargets.Target target(String address, String job, Map<String, String> labels) {
        Map<String, String> all = new TreeMap<>(labels);
        all.put(PrometheusTargets.LABEL_JOB, job);
        return new PrometheusTargets.Target(address, all);
    }
}
