package org.c10klab.harness.result;

/**
 * The TCP sockets of one listening port at one moment, by side and state, as the kernel lists them in
 * /proc/net/tcp and tcp6: what a client believes (its connect() returned) beside what the server's
 * kernel holds.
 *
 * @param clientsEstablished client sockets ESTABLISHED to the port: their connect() has returned
 * @param clientsSynSent     client sockets in SYN-SENT: their SYN has had no answer yet
 * @param serverEstablished  server-side sockets ESTABLISHED: accepted, or waiting in the accept queue
 * @param serverSynRecv      server-side sockets in SYN-RECV: handshakes the kernel keeps, not completed on its side
 * @param halfOpen           ESTABLISHED clients whose server side is in SYN-RECV: connected, yet not in the
 *                           accept queue
 * @param halfOpenStateless  ESTABLISHED clients with no server-side socket at all: the kernel answered their SYN
 *                           with a SYN cookie and keeps nothing for them
 * @param acceptQueue        connections waiting in the listener's accept queue, or null when no listener was seen
 */
public record PortSockets(int clientsEstablished, int clientsSynSent, int serverEstablished, int serverSynRecv,
                          int halfOpen, int halfOpenStateless, Integer acceptQueue) {

    /** Clients that believe they are connected while the server's kernel has not queued them. */
    public int connectedNotQueued() {
        return halfOpen + halfOpenStateless;
    }
}
