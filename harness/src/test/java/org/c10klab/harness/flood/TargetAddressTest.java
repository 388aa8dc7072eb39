package org.c10klab.harness.flood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Floods stay on loopback unless the user says the remote machine is theirs. */
class TargetAddressTest {

    @Test
    void acceptsEveryLoopbackForm() {
        assertThat(TargetAddress.resolve("127.0.0.1:7379", false).getPort()).isEqualTo(7379);
        assertThat(TargetAddress.resolve("127.3.2.1:1", false).getAddress().isLoopbackAddress()).isTrue();
        assertThat(TargetAddress.resolve("[::1]:7379", false).getAddress().getHostAddress())
                .isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(TargetAddress.resolve("localhost:7379", false).getAddress().isLoopbackAddress()).isTrue();
    }

    @Test
    void refusesRemoteTargetsAndSaysWhy() {
        assertThatThrownBy(() -> TargetAddress.resolve("10.1.2.3:80", false))
                .hasMessageContaining("refusing to flood 10.1.2.3:80")
                .hasMessageContaining("not a loopback address")
                .hasMessageContaining("machine you do not own")
                .hasMessageContaining("--allow-remote");
    }

    @Test
    void allowsRemoteTargetsWhenAsked() {
        assertThat(TargetAddress.resolve("10.1.2.3:80", true).getAddress().getHostAddress()).isEqualTo("10.1.2.3");
    }

    @Test
    void rejectsMalformedTargets() {
        assertThatThrownBy(() -> TargetAddress.resolve("127.0.0.1", false)).hasMessageContaining("is not HOST:PORT");
        assertThatThrownBy(() -> TargetAddress.resolve("127.0.0.1:http", false)).hasMessageContaining("not a number");
        assertThatThrownBy(() -> TargetAddress.resolve("127.0.0.1:70000", false)).hasMessageContaining("1..65535");
    }
}
