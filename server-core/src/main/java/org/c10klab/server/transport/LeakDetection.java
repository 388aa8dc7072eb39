package org.c10klab.server.transport;

import io.netty.util.ResourceLeakDetector;

/**
 * Netty's buffer leak detection for the lab's processes. Its default (SIMPLE) records a stack trace for a
 * sample of buffers: in profiles it took 3-4% of a server's CPU per request and 3% of the flood's event loop
 * at {@code -P 16}, and production servers and load generators run without it.
 */
public final class LeakDetection {

    /** The system property that names Netty's leak detection level. */
    public static final String LEVEL_PROPERTY = "io.netty.leakDetection.level";
    /** The older name Netty still reads. */
    private static final String LEGACY_LEVEL_PROPERTY = "io.netty.leakDetectionLevel";

    private LeakDetection() {
    }

    /**
     * Turns leak detection off unless {@value #LEVEL_PROPERTY} says otherwise. Called by the processes'
     * {@code main}s only: tests run servers and floods in-process and keep Netty's default.
     */
    public static void turnOffUnlessSet() {
        if (System.getProperty(LEVEL_PROPERTY) == null && System.getProperty(LEGACY_LEVEL_PROPERTY) == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
    }
}
