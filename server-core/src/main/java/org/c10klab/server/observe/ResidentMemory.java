package org.c10klab.server.observe;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A process's resident set size (RSS) as Linux's {@code /proc/PID/status} reports it: the memory the lab
 * compares between models, heap or not. Micrometer's binders have no such meter, so servers and the
 * balancer publish it as Prometheus's usual {@code process_resident_memory_bytes}.
 */
public final class ResidentMemory {

    /** Gauge: this process's resident set size. */
    public static final String METER = "process.resident.memory";

    private static final Path SELF_STATUS = Path.of("/proc/self/status");
    private static final String FIELD = "VmRSS:";
    /** The peak resident set size: what a run cost at its height, read once it is over. */
    private static final String PEAK_FIELD = "VmHWM:";

    private ResidentMemory() {
    }

    /** The {@code VmRSS} of the lines of a {@code /proc/PID/status} file, in bytes; null when absent. */
    public static Long fromStatus(List<String> statusLines) {
        return field(statusLines, FIELD);
    }

    /** This process's peak RSS ({@code VmHWM}) in bytes, where {@code /proc/self/status} has it; else null. */
    public static Long peakOfSelf() {
        try {
            return field(Files.readAllLines(SELF_STATUS), PEAK_FIELD);
        } catch (IOException e) {
            return null;
        }
    }

    private static Long field(List<String> statusLines, String field) {
        for (String line : statusLines) {
            if (line.startsWith(field)) {
                // "VmRSS:     12345 kB"
                return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]) * 1024;
            }
        }
        return null;
    }

    /** Publishes this process's RSS, where {@code /proc/self/status} has it (Linux); elsewhere nothing. */
    public static void bindTo(MeterRegistry registry) {
        if (self() == null) {
            return;
        }
        Gauge.builder(METER, () -> {
                    Long bytes = self();
                    return bytes == null ? Double.NaN : bytes;
                })
                .description("resident set size of the process (VmRSS in /proc/self/status)")
                .baseUnit("bytes")
                .register(registry);
    }

    private static Long self() {
        try {
            return fromStatus(Files.readAllLines(SELF_STATUS));
        } catch (IOException e) {
            return null;
        }
    }
}
