package org.c10klab.harness.report.svg;

/** How values map to distance along an axis. */
public enum Scale {
    /** Equal steps for equal differences, from zero. */
    LINEAR,
    /**
     * Equal steps for equal ratios, one tick per power of ten: 100 ms and 10 s both stay readable on one chart.
     * Values of zero or below sit on the axis.
     */
    LOG
}
