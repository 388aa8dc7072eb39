package org.c10klab.harness.result;

/**
 * The kernel's accept-queue drop counters (/proc/net/netstat, {@code nstat -az}), as read or as their
 * rise over a run. They count for the whole network namespace, not just this target.
 *
 * @param listenOverflows TcpExtListenOverflows: connections that arrived to a full accept queue
 * @param listenDrops     TcpExtListenDrops: SYNs or ACKs dropped at a listener, overflows included
 */
public record ListenQueueDrops(long listenOverflows, long listenDrops) {
}
