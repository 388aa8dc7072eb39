package org.c10klab.harness.experiment;

/**
 * One value of a sweep's parameter and the comparison it stands for.
 *
 * @param value   the parameter's value, as typed
 * @param plan    the comparison to run
 * @param command the command line that reproduces just this comparison
 */
public record SweepStep(String value, ComparePlan plan, String command) {
}
