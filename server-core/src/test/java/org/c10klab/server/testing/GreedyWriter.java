package org.c10klab.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client that sends one request over and over without reading a reply, on its own thread, until
 * back-pressure stalls it (or it reaches a cap that only a missing back-pressure would let it reach).
 */
public final class GreedyWriter {

    private final RawRespClient client;
    private final AtomicLong requestsSent = new AtomicLong();
    private final Thread writer;

    private GreedyWriter(RawRespClient client, byte[] request, long capBytes) {
        this.client = client;
        this.writer = Thread.ofPlatform().name("greedy-writer").start(() -> {
            try {
                while (requestsSent.get() * request.length < capBytes && !Thread.currentThread().isInterrupted()) {
                    client.send(request);
                    requestsSent.incrementAndGet();
                }
            } catch (IOException e) {
                // The socket closed under a blocked write: the test is over.
            }
        });
    }

    /** Starts writing {@code request} on {@code client} until {@code capBytes} are sent or the writes block. */
    public static GreedyWriter start(RawRespClient client, byte[] request, long capBytes) {
        return new GreedyWriter(client, request, capBytes);
    }

    /** Waits until the count of requests sent stops growing for {@code stall}; returns it. */
    public long awaitStall(Duration stall) throws InterruptedException {
        long last = -1;
        long stableSince = System.nanoTime();
        while (true) {
            long now = requestsSent.get();
            if (now != last) {
                last = now;
                stableSince = System.nanoTime();
            } else if (System.nanoTime() - stableSince >= stall.toNanos()) {
                return now;
            }
            Thread.sleep(50);
        }
    }

    /** Stops writing, then reads a reply for every request sent, each of which must be {@code expectedReply}. */
    public void stopAndReadEveryReply(String expectedReply) throws IOException {
        writer.interrupt();
        long answered = 0;
        while (answered < requestsSent.get() || writer.isAlive()) {
            assertThat(client.readReply()).isEqualTo(expectedReply);
            answered++;
        }
        assertThat(answered).isEqualTo(requestsSent.get());
    }
}
