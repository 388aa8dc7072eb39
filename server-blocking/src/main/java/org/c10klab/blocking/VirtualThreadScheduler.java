package org.c10klab.blocking;

import java.lang.management.ManagementFactory;
import java.lang.management.PlatformManagedObject;
import java.lang.reflect.InvocationTargetException;

/**
 * The JDK's scheduler of virtual threads: one per JVM, it runs every virtual thread on its carrier
 * threads, as many as its parallelism (the JDK's default: one per core).
 */
final class VirtualThreadScheduler {

    /** Read once, when the JVM starts its first virtual thread: how JDK 21-23 set the parallelism. */
    private static final String PARALLELISM_PROPERTY = "jdk.virtualThreadScheduler.parallelism";
    /** JDK 24+; looked up by name so the module still compiles for release 21. */
    private static final String BEAN = "jdk.management.VirtualThreadSchedulerMXBean";

    private VirtualThreadScheduler() {
    }

    /** The scheduler's management bean's type, or null on JDK 21-23, which have none. */
    static Class<? extends PlatformManagedObject> beanType() {
        try {
            return Class.forName(BEAN).asSubclass(PlatformManagedObject.class);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    /**
     * Runs this JVM's virtual threads on {@code carriers} carrier threads: at once on JDK 24+ (the
     * bean's setParallelism), and on JDK 21-23 through the system property, which counts only while
     * no virtual thread has started in this JVM yet (true of a server's own process).
     *
     * @param carriers at least 1
     */
    static void useCarriers(int carriers) {
        Class<? extends PlatformManagedObject> type = beanType();
        if (type == null) {
            System.setProperty(PARALLELISM_PROPERTY, Integer.toString(carriers));
            return;
        }
        try {
            type.getMethod("setParallelism", int.class).invoke(ManagementFactory.getPlatformMXBean(type), carriers);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("cannot set the virtual-thread scheduler's parallelism to " + carriers,
                    e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(BEAN + " has no setParallelism(int)", e);
        }
    }
}
