package org.c10klab.harness.record;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How busy the machine is, from /proc: the load average, and the CPU time a hypervisor gave to other guests
 * (steal). Both say how much noise the machine added to a measurement; a value that cannot be read is null.
 */
public final class MachineLoad {

    private static final Path LOADAVG = Path.of("/proc/loadavg");
    private static final Path STAT = Path.of("/proc/stat");
    /** /proc/stat's cpu line: user nice system idle iowait irq softirq steal (guest time is already in user). */
    private static final int STEAL_FIELD = 8;

    private MachineLoad() {
    }

    /** The 1-minute load average: runnable and uninterruptible tasks, averaged; compare it with the cores. */
    public static Double loadAverage1m() {
        String line = firstLine(LOADAVG);
        try {
            return line == null ? null : Double.parseDouble(line.split("\\s+")[0]);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** All CPUs' time so far, or null when /proc/stat cannot be read. */
    public static CpuTimes cpuTimes() {
        String line = firstLine(STAT);
        if (line == null || !line.startsWith("cpu ")) {
            return null;
        }
        String[] fields = line.trim().split("\\s+");
        if (fields.length <= STEAL_FIELD) {
            return null;
        }
        long total = 0;
        for (int i = 1; i <= STEAL_FIELD; i++) {
            total += Long.parseLong(fields[i]);
        }
        return new CpuTimes(Long.parseLong(fields[STEAL_FIELD]), total);
    }

    /** The share of CPU time stolen between two readings, in percent; null when either is missing or no time passed. */
    public static Double stealPercent(CpuTimes before, CpuTimes after) {
        if (before == null || after == null || after.totalTicks() <= before.totalTicks()) {
            return null;
        }
        return 100.0 * (after.stealTicks() - before.stealTicks()) / (after.totalTicks() - before.totalTicks());
    }

    private static String firstLine(Path file) {
        // Through a reader: /proc files report size 0.
        try (BufferedReader reader = Files.newBufferedReader(file)) {
            return reader.readLine();
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * CPU time of all CPUs since boot, in clock ticks.
     *
     * @param stealTicks time the hypervisor ran other guests while this machine had work
     * @param totalTicks all time: user, nice, system, idle, iowait, irq, softirq and steal
     */
    public record CpuTimes(long stealTicks, long totalTicks) {
    }
}
