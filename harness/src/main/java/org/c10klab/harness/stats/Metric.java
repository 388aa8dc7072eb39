package org.c10klab.harness.stats;

/**
 * A figure a verdict may compare across groups of trials.
 *
 * @param name      the machine-readable name written to JSON, e.g. {@code request_p99_ms}
 * @param label     how sentences name it, e.g. {@code request p99}
 * @param direction which way it improves
 */
public record Metric(String name, String label, Direction direction) {
}
