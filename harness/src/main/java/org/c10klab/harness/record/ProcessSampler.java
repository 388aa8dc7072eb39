package org.c10klab.harness.record;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.c10klab.harness.result.TargetSample;
import org.c10klab.server.observe.ResidentMemory;

/** Reads a local process's threads, memory, CPU time and open files from /proc. */
public final class ProcessSampler {

    /** USER_HZ: the unit of CPU times in /proc/PID/stat; 100 on every Linux the JDK runs on. */
    static final double CLOCK_TICKS_PER_SECOND = 100.0;

    private final long pid;
    private final Path proc;

    public ProcessSampler(long pid) {
        this(pid, Path.of("/proc"));
    }

    /** @param proc where /proc is, so tests can point at a fake one */
    ProcessSampler(long pid, Path proc) {
        this.pid = pid;
        this.proc = proc.resolve(Long.toString(pid));
    }

    /** The process sampled. */
    public long pid() {
        return pid;
    }

    /**
     * Reads one sample.
     *
     * @throws IOException when the process is gone or /proc cannot be read
     */
    public TargetSample sample() throws IOException {
        Long threads = null;
        List<String> status = Files.readAllLines(proc.resolve("status"));
        for (String line : status) {
            if (line.startsWith("Threads:")) {
                threads = Long.parseLong(line.substring("Threads:".length()).trim());
            }
        }
        return new TargetSample(threads, ResidentMemory.fromStatus(status), cpuSeconds(), openFds(), null, null,
                null);
    }

    private Double cpuSeconds() throws IOException {
        String stat = Files.readAllLines(proc.resolve("stat")).get(0);
        // The command name (field 2) is in parentheses and may contain spaces; count fields after the last ')'.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // utime and stime are fields 14 and 15 of the whole line, so 12 and 13 after the name.
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks / CLOCK_TICKS_PER_SECOND;
    }

    private Long openFds() {
        long count = 0;
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
            for (Path ignored : fds) {
                count++;
            }
            return count;
        } catch (IOException | SecurityException e) {
            // Another user's process: /proc/PID/fd is not ours to list; the other fields still are.
            return null;
        }
    }
}
