package org.c10klab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link ListeningLine} parses what it formats and refuses lines that lack or garble a field. */
class ListeningLineTest {

    @Test
    void formatThenParseRoundTrips() {
        ListeningLine line = new ListeningLine("virtual", "127.0.0.1:7379", "127.0.0.1:9464", 4096, 1234);
        assertThat(line.format())
                .isEqualTo("LISTENING model=virtual address=127.0.0.1:7379 metrics=127.0.0.1:9464 backlog=4096 pid=1234");
        assertThat(ListeningLine.parse(line.format())).isEqualTo(line);
        assertThat(line.port()).isEqualTo(7379);
    }

    @Test
    void parsesMetricsOffAndIpv6Addresses() {
        ListeningLine line = ListeningLine.parse("LISTENING model=netty address=0:0:0:0:0:0:0:1:40000 metrics=off backlog=1 pid=9");
        assertThat(line.metrics()).isEqualTo("off");
        assertThat(line.port()).isEqualTo(40000);
        assertThat(ListeningLine.matches(line.format())).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "LISTENING",
            "listening model=a address=h:1 metrics=off backlog=1 pid=2",
            "Started model=a address=h:1 metrics=off backlog=1 pid=2"})
    void refusesLinesThatAreNotListeningLines(String text) {
        assertThat(ListeningLine.matches(text)).isFalse();
        assertThatThrownBy(() -> ListeningLine.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a listening line");
    }

    @Test
    void refusesMissingAndMalformedFields() {
        assertThatThrownBy(() -> ListeningLine.parse("LISTENING model=a address=h:1 backlog=1 pid=2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("listening line lacks metrics=");
        assertThatThrownBy(() -> ListeningLine.parse("LISTENING model=a address=h:1 metrics=off backlog=many pid=2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("malformed listening line");
        assertThatThrownBy(() -> ListeningLine.parse("LISTENING model=a address=h:1 metrics=off backlog=1 pid="))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("malformed listening line");
    }
}
