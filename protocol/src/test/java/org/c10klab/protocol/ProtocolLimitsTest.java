package org.c10klab.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@link ProtocolLimits} has the documented defaults, refuses nonsense bounds, and words every crossing alike. */
class ProtocolLimitsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        ProtocolLimits d = ProtocolLimits.DEFAULTS;
        assertThat(d.maxBulkBytes()).isEqualTo(1024 * 1024);
        assertThat(d.maxInlineBytes()).isEqualTo(64 * 1024);
        assertThat(d.maxArguments()).isEqualTo(1024);
        assertThat(d.maxSleepMillis()).isEqualTo(60_000);
        assertThat(d.maxWorkMicros()).isEqualTo(1_000_000);
        assertThat(d.storeMaxEntries()).isEqualTo(100_000);
        assertThat(d.storeMaxBytes()).isEqualTo(64L * 1024 * 1024);
    }

    @Test
    void acceptsTheSmallestValidValues() {
        ProtocolLimits smallest = new ProtocolLimits(0, 16, 1, 0, 0, 1, 1);
        assertThat(smallest.maxInlineBytes()).isEqualTo(16);
    }

    @Test
    void refusesValuesBelowTheirMinimum() {
        assertThatThrownBy(() -> new ProtocolLimits(-1, 16, 1, 0, 0, 1, 1)).hasMessage("max bulk bytes: -1 (expected: >= 0)");
        assertThatThrownBy(() -> new ProtocolLimits(0, 15, 1, 0, 0, 1, 1)).hasMessage("max inline bytes: 15 (expected: >= 16)");
        assertThatThrownBy(() -> new ProtocolLimits(0, 16, 0, 0, 0, 1, 1)).hasMessage("max arguments: 0 (expected: >= 1)");
        assertThatThrownBy(() -> new ProtocolLimits(0, 16, 1, -1, 0, 1, 1)).hasMessage("max sleep millis: -1 (expected: >= 0)");
        assertThatThrownBy(() -> new ProtocolLimits(0, 16, 1, 0, -1, 1, 1)).hasMessage("max work micros: -1 (expected: >= 0)");
        assertThatThrownBy(() -> new ProtocolLimits(0, 16, 1, 0, 0, 0, 1)).hasMessage("store max entries: 0 (expected: >= 1)");
        assertThatThrownBy(() -> new ProtocolLimits(0, 16, 1, 0, 0, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("store max bytes: 0 (expected: >= 1)");
    }

    @Test
    void exceededUsesTheOneTemplate() {
        assertThat(ProtocolLimits.exceeded("bulk length", 2_000_000, 1_048_576))
                .isEqualTo("bulk length: 2000000 (expected: <= 1048576)");
    }
}
