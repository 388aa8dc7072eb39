package org.c10klab.harness.result;

/**
 * When and how a run went.
 *
 * @param startedAt        ISO-8601 instant
 * @param elapsedSeconds   from the first connect to the last close
 * @param partial          true when the run was stopped (Ctrl-C) before its work was done
 * @param endReason        {@code completed}, {@code interrupted} or another reason the run ended
 * @param transport        io_uring, epoll or nio
 * @param transportReason  why that transport
 * @param threads          event-loop threads that drove the connections
 * @param sampleIntervalMs how often the timeline was sampled
 */
public record RunInfo(String startedAt, double elapsedSeconds, boolean partial, String endReason, String transport,
                      String transportReason, int threads, long sampleIntervalMs) {
}
