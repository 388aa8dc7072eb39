package org.c10klab.balancer;

import io.netty.channel.Channel;

/** Relays one backend connection's replies to its client, counting the bytes for the backend. */
final class BackendHandler extends RelayHandler {

    private final Backend backend;

    BackendHandler(Channel client, Backend backend) {
        this.peer = client;
        this.backend = backend;
    }

    @Override
    protected void relayed(int bytes) {
        backend.relayedFromBackend(bytes);
    }
}
