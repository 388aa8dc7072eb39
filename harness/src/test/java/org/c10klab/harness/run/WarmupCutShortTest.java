package org.c10klab.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.c10klab.harness.cli.FloodCommand;
import org.c10klab.harness.flood.FloodConfig;
import org.c10klab.server.transport.TransportSelection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * A warm-up cut short by its time limit (a busy machine: workers of a C100K flood) closes its clients before its
 * event loops stop. Closing them after printed one Netty stack trace per channel ("Can't invoke task later as
 * EventLoop rejected it") on the flood's console.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WarmupCutShortTest {

    private static final int ROUNDS = 5;

    @Test
    void aWarmUpCutShortLogsNoRejectedChannelClose() throws InterruptedException {
        Logger netty = (Logger) LoggerFactory.getLogger("io.netty");
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        netty.addAppender(logged);
        try {
            // Enough connections for the reconnecting warm-up, whose clients close a channel per request.
            FloodConfig config = FloodCommand.parseConfig("--target", "127.0.0.1:1", "-c", "4000", "-n", "1");
            for (int round = 0; round < ROUNDS; round++) {
                Warmup.run(config, TransportSelection.select(config.transport()).transport(), Duration.ofMillis(150));
            }
        } finally {
            netty.detachAppender(logged);
        }

        assertThat(logged.list).as("Netty's log while warm-ups were cut short")
                .noneMatch(event -> event.getFormattedMessage().contains("rejected"));
    }
}
