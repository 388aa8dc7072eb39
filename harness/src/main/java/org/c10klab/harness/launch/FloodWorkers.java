package org.c10klab.harness.launch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.c10klab.harness.report.ProgressPrinter;
import org.c10klab.harness.result.PlannedLoad;
import org.c10klab.harness.result.TimelinePoint;

/**
 * The child JVMs of {@code flood --workers N}, each running {@code c10k flood} on one segment: their progress
 * lines summed into one, anything else they say on stderr passed on with the worker's number. The children get
 * SIGTERM (and write their partial results) if this JVM exits first.
 */
public final class FloodWorkers implements AutoCloseable {

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroy), "stop-flood-workers"));
    }

    private final List<Process> processes = new ArrayList<>();
    private final List<Thread> readers = new ArrayList<>();
    private final TimelinePoint[] latest;
    private final Consumer<TimelinePoint> progress;
    private final PrintWriter stderr;
    private final List<String> lastLines = new ArrayList<>();

    private FloodWorkers(int count, Consumer<TimelinePoint> progress, PrintWriter stderr) {
        this.latest = new TimelinePoint[count];
        this.progress = progress;
        this.stderr = stderr;
        for (int i = 0; i < count; i++) {
            lastLines.add("");
        }
    }

    /**
     * Starts one child JVM per element of {@code floodArgs}, compiling as {@link WorkerJit} says.
     *
     * @param floodArgs each worker's {@code flood} options
     * @param progress  hears the sum of the workers' latest progress lines
     * @param stderr    where the workers' other stderr lines go, prefixed {@code worker I:}
     */
    public static FloodWorkers start(List<List<String>> floodArgs, Consumer<TimelinePoint> progress,
                                     PrintWriter stderr) throws IOException {
        FloodWorkers workers = new FloodWorkers(floodArgs.size(), progress, stderr);
        List<String> jvmOptions = WorkerJit.jvmOptions(floodArgs.size(), Runtime.getRuntime().availableProcessors());
        for (int i = 0; i < floodArgs.size(); i++) {
            List<String> args = new ArrayList<>(List.of("flood"));
            args.addAll(floodArgs.get(i));
            Process process = new ProcessBuilder(ChildJvm.command(jvmOptions, args))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            LIVE.add(process);
            workers.processes.add(process);
            int index = i;
            workers.readers.add(Thread.ofVirtual().name("flood-worker-" + i + "-stderr")
                    .start(() -> workers.follow(index, process)));
        }
        return workers;
    }

    /** Waits for every worker to exit; their exit codes, by worker. */
    public List<Integer> awaitExit() throws InterruptedException {
        List<Integer> codes = new ArrayList<>();
        for (Process process : processes) {
            codes.add(process.waitFor());
            LIVE.remove(process);
        }
        for (Thread reader : readers) {
            reader.join();
        }
        return codes;
    }

    /** The last line worker {@code index} wrote on stderr that was not progress, e.g. why it failed. */
    public synchronized String lastLine(int index) {
        return lastLines.get(index);
    }

    /** Ctrl-C: SIGTERM to every worker, which stops its flood and writes what it measured. Any thread. */
    public void stop() {
        processes.forEach(Process::destroy);
    }

    @Override
    public void close() throws InterruptedException {
        for (Process process : processes) {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
            LIVE.remove(process);
        }
    }

    private void follow(int index, Process process) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                TimelinePoint point = ProgressPrinter.parse(line);
                if (point != null) {
                    progressed(index, point);
                } else {
                    said(index, line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized void said(int index, String line) {
        lastLines.set(index, line);
        stderr.println("worker " + index + ": " + line);
        stderr.flush();
    }

    // The sum of every worker's latest line; p99 is the worst worker's, the exact one comes with the merge.
    private synchronized void progressed(int index, TimelinePoint point) {
        latest[index] = point;
        double elapsed = 0;
        long open = 0;
        long connectsOk = 0;
        long connectsFailed = 0;
        long requestsOk = 0;
        long requestsFailed = 0;
        double perSecond = 0;
        double p99 = 0;
        for (TimelinePoint each : latest) {
            if (each != null) {
                elapsed = Math.max(elapsed, each.elapsedSeconds());
                open += each.connectionsOpen();
                connectsOk += each.connectsOk();
                connectsFailed += each.connectsFailed();
                requestsOk += each.requestsOk();
                requestsFailed += each.requestsFailed();
                perSecond += each.requestsPerSecond();
                p99 = Math.max(p99, each.p99Ms());
            }
        }
        PlannedLoad planned = PlannedLoad.sum(Arrays.asList(latest));
        progress.accept(new TimelinePoint(elapsed, open, connectsOk, connectsFailed, requestsOk, requestsFailed,
                perSecond, p99, planned.stage(), planned.connections(), planned.rate(), null));
    }
}
