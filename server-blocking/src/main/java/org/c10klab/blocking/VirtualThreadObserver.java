package org.c10klab.blocking;

import io.micrometer.java21.instrument.binder.jdk.VirtualThreadMetrics;
import java.lang.management.ManagementFactory;
import java.lang.management.PlatformManagedObject;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.c10klab.server.observe.ServerMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the virtual model publishes about its virtual threads, which ThreadMXBean does not see: the
 * server's own count of live ones, Micrometer's virtual-thread binder, and on JDK 24+ the
 * scheduler's mounted and queued counts.
 */
final class VirtualThreadObserver implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(VirtualThreadObserver.class);
    /** INFO field to the scheduler bean's getter, in INFO order. */
    private static final Map<String, String> SCHEDULER_FIELDS = orderedFields();

    private final VirtualThreadMetrics binder;
    private final PlatformManagedObject scheduler;
    private final Map<String, Method> schedulerGetters = new LinkedHashMap<>();

    /**
     * @param liveVirtualThreads the server's count of the virtual threads it started and that have not ended
     */
    VirtualThreadObserver(ServerMetrics metrics, LongSupplier liveVirtualThreads) {
        metrics.gaugeVirtualThreads(liveVirtualThreads::getAsLong);
        binder = bindVirtualThreadMetrics(metrics);
        Class<? extends PlatformManagedObject> schedulerType = VirtualThreadScheduler.beanType();
        scheduler = schedulerType == null ? null : ManagementFactory.getPlatformMXBean(schedulerType);
        if (scheduler != null) {
            SCHEDULER_FIELDS.forEach((field, getter) -> {
                try {
                    schedulerGetters.put(field, schedulerType.getMethod(getter));
                } catch (NoSuchMethodException e) {
                    log.debug("{} has no {}", schedulerType.getName(), getter);
                }
            });
        }
    }

    /** Adds the scheduler's counts where the JDK has them (24+). */
    void addInfo(Map<String, Object> fields) {
        schedulerGetters.forEach((field, getter) -> {
            try {
                fields.put(field, getter.invoke(scheduler));
            } catch (ReflectiveOperationException e) {
                log.debug("{} is unavailable: {}", field, e.toString());
            }
        });
    }

    @Override
    public void close() {
        if (binder != null) {
            binder.close();
        }
    }

    /** Pinned-thread and submit-failure meters from JFR events, plus the scheduler gauges on JDK 24+. */
    private static VirtualThreadMetrics bindVirtualThreadMetrics(ServerMetrics metrics) {
        try {
            VirtualThreadMetrics binder = new VirtualThreadMetrics();
            binder.bindTo(metrics.registry());
            return binder;
        } catch (RuntimeException e) {
            // A JVM without JFR: the server's own count still works.
            log.warn("virtual-thread JFR metrics are unavailable: {}", e.toString());
            return null;
        }
    }

    private static Map<String, String> orderedFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("virtual_scheduler_parallelism", "getParallelism");
        fields.put("virtual_scheduler_carriers", "getPoolSize");
        fields.put("virtual_threads_mounted", "getMountedVirtualThreadCount");
        fields.put("virtual_threads_queued", "getQueuedVirtualThreadCount");
        return fields;
    }
}
