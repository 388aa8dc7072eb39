package org.c10klab.harness.result;

/**
 * One {@code --assert} threshold and how the run fared against it.
 *
 * @param expression the threshold as given, e.g. {@code p99<50ms}
 * @param passed     whether the run met it
 * @param actual     the measured value, e.g. {@code 12.3ms}, or why it could not be measured
 */
public record CheckResult(String expression, boolean passed, String actual) {
}
