package org.c10klab.harness.record;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Predicate;
import org.c10klab.harness.result.Rounding;
import org.c10klab.harness.result.ThreadCpu;

/**
 * Reads, for some of this process's threads, the CPU time they ran and the time they waited for a CPU while
 * runnable, from /proc/self/task/TID/schedstat ("run_ns wait_ns timeslices"), picked by their name as
 * /proc/self/task/TID/comm shows it: the first 15 characters.
 */
public final class ThreadCpuProbe {

    private static final Path TASKS = Path.of("/proc/self/task");

    private ThreadCpuProbe() {
    }

    /** JIT compiler threads, e.g. "C2 CompilerThread0" (its comm: "C2 CompilerThre"). */
    public static final Predicate<String> JIT_COMPILERS = name -> name.contains("CompilerThre");

    /**
     * The threads alive now whose name {@code named} accepts, since each one started.
     *
     * @return empty when /proc cannot tell, or no thread matched
     */
    public static Optional<ThreadCpu> threads(Predicate<String> named) {
        int threads = 0;
        long runNanos = 0;
        long waitNanos = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                String name = firstLine(task.resolve("comm"));
                String schedstat = name == null || !named.test(name) ? null
                        : firstLine(task.resolve("schedstat"));
                if (schedstat != null) {
                    String[] fields = schedstat.trim().split("\\s+");
                    runNanos += Long.parseLong(fields[0]);
                    waitNanos += Long.parseLong(fields[1]);
                    threads++;
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return threads == 0 ? Optional.empty() : Optional.of(new ThreadCpu(threads,
                Rounding.thousandths(runNanos / 1e9), Rounding.thousandths(waitNanos / 1e9)));
    }

    // A thread that ended meanwhile has no files any more: it is skipped, not an error.
    private static String firstLine(Path file) {
        try (BufferedReader reader = Files.newBufferedReader(file)) {
            return reader.readLine();
        } catch (IOException e) {
            return null;
        }
    }
}
