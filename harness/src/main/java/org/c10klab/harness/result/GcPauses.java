package org.c10klab.harness.result;

/**
 * The harness JVM's own stop-the-world garbage-collection pauses during a run: while one lasts, no event
 * loop issues a connect or reads a reply, and every latency in flight grows by it.
 *
 * @param count   pauses
 * @param totalMs their sum, milliseconds
 * @param maxMs   the longest, milliseconds
 */
public record GcPauses(long count, double totalMs, double maxMs) {
}
