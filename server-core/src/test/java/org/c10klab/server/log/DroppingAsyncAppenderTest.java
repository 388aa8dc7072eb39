package org.c10klab.server.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.AppenderBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every event is either written or counted as dropped, and no caller ever waits for the sink. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class DroppingAsyncAppenderTest {

    private final LoggerContext context = new LoggerContext();
    private final LongAdder dropped = new LongAdder();
    private final GatedSink sink = new GatedSink();
    private final DroppingAsyncAppender appender =
            new DroppingAsyncAppender("test", 4, Duration.ofSeconds(5), dropped);

    @AfterEach
    void stop() {
        sink.open.countDown();
        appender.stop();
        context.stop();
    }

    @Test
    void aStalledSinkCostsDropsNotWaiting() {
        start();
        long startNanos = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            appender.doAppend(event("line " + i));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - startNanos)).as("100 calls against a stalled sink")
                .isLessThan(Duration.ofSeconds(1));
        // The queue holds 4; the worker may have taken one event plus a batch of up to 4 before it stalled.
        assertThat(dropped.sum()).isBetween(100L - (1 + 4 + 4), 100L - 4);

        sink.open.countDown();
        appender.stop();
        assertThat(sink.written.get() + dropped.sum()).isEqualTo(100);
    }

    @Test
    void manyThreadsAgainstASmallQueueLoseNothingUncounted() throws Exception {
        sink.open.countDown();
        sink.delayNanos = TimeUnit.MICROSECONDS.toNanos(20); // a working sink, slower than four producers
        start();
        int threads = 4;
        int perThread = 5_000;
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            producers.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < perThread; i++) {
                    appender.doAppend(event("x"));
                }
            }));
        }
        for (Thread producer : producers) {
            producer.join();
        }
        appender.stop();

        assertThat(sink.written.get() + dropped.sum()).isEqualTo((long) threads * perThread);
        assertThat(dropped.sum()).isPositive();
    }

    @Test
    void anEventAfterStopIsCountedNotLost() {
        sink.open.countDown();
        start();
        appender.doAppend(event("before"));
        appender.stop();
        appender.doAppend(event("after"));

        assertThat(sink.written.get()).isEqualTo(1);
        assertThat(dropped.sum()).isEqualTo(1);
    }

    private void start() {
        context.setMDCAdapter(new LogbackMDCAdapter()); // what LoggerFactory's context has; events copy the MDC
        sink.setContext(context);
        sink.start();
        appender.setContext(context);
        appender.addAppender(sink);
        appender.start();
    }

    private LoggingEvent event(String message) {
        return new LoggingEvent(getClass().getName(), context.getLogger("test"), Level.INFO, message, null, null);
    }

    /** Counts events; blocks the worker until {@link #open} is counted down, like a full pipe, then takes its time. */
    private static final class GatedSink extends AppenderBase<ILoggingEvent> {

        final CountDownLatch open = new CountDownLatch(1);
        final AtomicLong written = new AtomicLong();
        volatile long delayNanos;

        @Override
        protected void append(ILoggingEvent event) {
            try {
                open.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // stop() interrupts the worker; it still delivered this event
            }
            LockSupport.parkNanos(delayNanos);
            written.incrementAndGet();
        }
    }
}
