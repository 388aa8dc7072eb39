package org.c10klab.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Several connections at once, each sending its PINGs as one pipeline, reading every reply and
 * closing: works for every model, the serial one included (its connections just take turns).
 */
public final class PingFlood {

    private PingFlood() {
    }

    /**
     * Runs the flood and checks that every PING got {@code +PONG}.
     *
     * @return the local addresses of the connections, as the server sees them
     */
    public static List<InetSocketAddress> run(InetSocketAddress server, int connections, int pingsPerConnection)
            throws InterruptedException, ExecutionException {
        List<InetSocketAddress> locals = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService clients = Executors.newFixedThreadPool(connections)) {
            List<CompletableFuture<Void>> done = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                done.add(CompletableFuture.runAsync(() -> {
                    try (RawRespClient client = new RawRespClient(server)) {
                        locals.add(client.localAddress());
                        assertThat(client.pipeline("PING\r\n", pingsPerConnection)).containsOnly("+PONG\r\n")
                                .hasSize(pingsPerConnection);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, clients));
            }
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get();
        }
        return locals;
    }
}
