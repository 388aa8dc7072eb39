package org.c10klab.balancer;

import java.util.Locale;

/** Whether a backend gets new connections, as health checks and failed connects decided. */
public enum BackendState {

    /** Healthy: chosen for new connections. */
    UP(1.0),
    /** A connect to it just failed: skipped until a health check passes, or down after {@code --fall} failures. */
    SUSPECT(0.5),
    /** {@code --fall} health checks in a row failed: skipped until {@code --rise} pass in a row. */
    DOWN(0.0);

    private final double gaugeValue;

    BackendState(double gaugeValue) {
        this.gaugeValue = gaugeValue;
    }

    /** The value of the state gauge: 1 up, 0.5 suspect, 0 down. */
    public double gaugeValue() {
        return gaugeValue;
    }

    /** The lower-case name, as {@code /status} prints it. */
    public String statusName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
