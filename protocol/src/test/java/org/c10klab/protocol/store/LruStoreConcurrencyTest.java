package org.c10klab.protocol.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.c10klab.protocol.ProtocolTestUtil.bytes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.c10klab.protocol.resp.BulkString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link LruStore} under platform and virtual threads at once keeps its bounds, its byte count and every update it did not evict. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LruStoreConcurrencyTest {

    private static final int PLATFORM_THREADS = 16;
    private static final int VIRTUAL_THREADS = 200;
    private static final long SEED = 0x5EEDL;

    /** One body per worker: its index and its own seeded random. */
    @FunctionalInterface
    private interface Worker {
        void run(int index, Random random) throws Exception;
    }

    /** Runs every worker at once, on 16 platform and 200 virtual threads, and returns what they threw. */
    private static List<Throwable> runAll(Worker worker) throws InterruptedException {
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < PLATFORM_THREADS + VIRTUAL_THREADS; i++) {
            int index = i;
            Runnable body = () -> {
                try {
                    start.await();
                    worker.run(index, new Random(SEED + index));
                } catch (Throwable t) {
                    failures.add(t);
                }
            };
            threads.add(i < PLATFORM_THREADS ? Thread.ofPlatform().start(body) : Thread.ofVirtual().start(body));
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        return List.copyOf(failures);
    }

    @Test
    void mixedGetSetRemoveKeepsBothBoundsAndAnExactByteCount() throws InterruptedException {
        int maxEntries = 100;
        long maxBytes = 3_000;
        int keySpace = 400;
        LruStore store = new LruStore(maxEntries, maxBytes);

        List<Throwable> failures = runAll((index, random) -> {
            for (int op = 0; op < 2_000; op++) {
                byte[] key = bytes("key:" + random.nextInt(keySpace));
                int choice = random.nextInt(10);
                if (choice < 5) {
                    // The value names its key, so a read can tell whether it got another key's value.
                    store.put(key, bytes(new String(key, StandardCharsets.UTF_8) + "=" + "v".repeat(random.nextInt(60))));
                    if (store.size() > maxEntries || store.bytes() > maxBytes) {
                        throw new AssertionError("bounds broken: " + store.size() + " entries, " + store.bytes() + " bytes");
                    }
                } else if (choice < 9) {
                    BulkString value = store.get(key);
                    if (!value.isNull() && !value.text().startsWith(new String(key, StandardCharsets.UTF_8) + "=")) {
                        throw new AssertionError("key " + new String(key, StandardCharsets.UTF_8) + " read " + value.text());
                    }
                } else {
                    store.remove(key);
                }
            }
        });

        assertThat(failures).as("seed %d", SEED).isEmpty();
        assertThat(store.size()).isLessThanOrEqualTo(maxEntries);
        assertThat(store.bytes()).isLessThanOrEqualTo(maxBytes);
        long present = 0;
        long presentBytes = 0;
        for (int k = 0; k < keySpace; k++) {
            byte[] key = bytes("key:" + k);
            BulkString value = store.get(key);
            if (!value.isNull()) {
                present++;
                presentBytes += key.length + value.bytes().length;
            }
        }
        assertThat(store.size()).isEqualTo(present);
        assertThat(store.bytes()).as("bytes() equals the key plus value bytes actually present").isEqualTo(presentBytes);
        assertThat(store.evictions()).as("the bounds were small enough to force evictions").isPositive();
    }

    @Test
    void noUpdateIsLostWhenNothingIsEvicted() throws InterruptedException {
        int keysPerThread = 40;
        int rounds = 15;
        int threads = PLATFORM_THREADS + VIRTUAL_THREADS;
        LruStore store = new LruStore(threads * keysPerThread, 64L * 1024 * 1024);

        List<Throwable> failures = runAll((index, random) -> {
            for (int round = 0; round < rounds; round++) {
                for (int k = 0; k < keysPerThread; k++) {
                    byte[] key = bytes("t" + index + ":k" + k);
                    if (random.nextInt(4) == 0) {
                        store.remove(key);
                    }
                    store.put(key, bytes("t" + index + ":k" + k + ":r" + round));
                    store.get(bytes("t" + random.nextInt(threads) + ":k" + random.nextInt(keysPerThread)));
                }
            }
        });

        assertThat(failures).isEmpty();
        assertThat(store.evictions()).isZero();
        assertThat(store.size()).isEqualTo(threads * keysPerThread);
        long expectedBytes = 0;
        for (int t = 0; t < threads; t++) {
            for (int k = 0; k < keysPerThread; k++) {
                String key = "t" + t + ":k" + k;
                String last = key + ":r" + (rounds - 1);
                assertThat(store.get(bytes(key))).as("final value of %s", key).isEqualTo(BulkString.of(last));
                expectedBytes += key.length() + last.length();
            }
        }
        assertThat(store.bytes()).isEqualTo(expectedBytes);
    }
}
