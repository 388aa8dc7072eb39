package org.c10klab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link DurationConverter} reads durations as users type them and formats them back exactly. */
class DurationConverterTest {

    @ParameterizedTest
    @CsvSource({
            "500ms, PT0.5S",
            "2s, PT2S",
            "1m, PT1M",
            "1h, PT1H",
            "250us, PT0.00025S",
            "0, PT0S",
            "0s, PT0S",
            "' 3 s ', PT3S"})
    void parsesTheDocumentedForms(String text, Duration expected) {
        assertThat(DurationConverter.parse(text)).isEqualTo(expected);
        assertThat(new DurationConverter().convert(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "-1s", "1.5s", "5 sec", "ms", "2d"})
    void refusesAnythingElse(String text) {
        assertThatThrownBy(() -> DurationConverter.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a duration");
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "10"})
    void aNonZeroNumberNeedsAUnit(String text) {
        assertThatThrownBy(() -> DurationConverter.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' needs a unit (expected e.g. 500ms, 2s, 1m)");
    }

    @ParameterizedTest
    @CsvSource({"500ms, 500ms", "1500ms, 1500ms", "2000ms, 2s", "60s, 1m", "90s, 90s", "60m, 1h", "250us, 250us",
            "0, 0ms"})
    void formatsTheShortestExactForm(String typed, String formatted) {
        Duration duration = DurationConverter.parse(typed);
        assertThat(DurationConverter.format(duration)).isEqualTo(formatted);
        assertThat(DurationConverter.parse(formatted)).isEqualTo(duration);
    }
}
