package org.c10klab.harness.experiment;

/**
 * One value of a sweep's parameter and what its comparison found.
 *
 * @param value  the parameter's value, as typed
 * @param result the comparison at that value
 */
public record SweepCell(String value, CompareResult result) {
}
