package org.c10klab.server.observe;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * The process's CPU time in seconds, as Prometheus names it ({@code process_cpu_seconds_total}). Micrometer's
 * {@code ProcessorMetrics} publishes it in nanoseconds ({@code process_cpu_time_ns_total}), against
 * Prometheus's convention of base units, so that one is denied.
 */
public final class ProcessCpu {

    /** Counter, in seconds: CPU time this process has used. */
    public static final String METER = "process.cpu";
    private static final String MICROMETER_NANOSECONDS = "process.cpu.time";

    private ProcessCpu() {
    }

    /** Publishes the CPU seconds, where the JVM can tell them; call it before {@code ProcessorMetrics} binds. */
    public static void bindTo(MeterRegistry registry) {
        registry.config().meterFilter(MeterFilter.deny(id -> id.getName().equals(MICROMETER_NANOSECONDS)));
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean withCpu && withCpu.getProcessCpuTime() >= 0) {
            FunctionCounter.builder(METER, withCpu, bean -> bean.getProcessCpuTime() / 1e9)
                    .description("CPU time the process has used, user and system")
                    .baseUnit("seconds")
                    .register(registry);
        }
    }
}
