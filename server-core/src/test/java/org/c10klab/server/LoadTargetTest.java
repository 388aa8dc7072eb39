package org.c10klab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Load stays on loopback unless the user says the remote machine is theirs. */
class LoadTargetTest {

    @Test
    void acceptsEveryLoopbackForm() {
        assertThat(LoadTarget.resolve("127.0.0.1:7379", "--target", "flood", false).getPort()).isEqualTo(7379);
        assertThat(LoadTarget.resolve("127.3.2.1:1", "--target", "flood", false).getAddress().isLoopbackAddress()).isTrue();
        assertThat(LoadTarget.resolve("[::1]:7379", "--target", "flood", false).getAddress().getHostAddress())
                .isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(LoadTarget.resolve("localhost:7379", "--target", "flood", false).getAddress().isLoopbackAddress()).isTrue();
    }

    @Test
    void refusesRemoteTargetsAndSaysWhy() {
        assertThatThrownBy(() -> LoadTarget.resolve("10.1.2.3:80", "--target", "flood", false))
                .hasMessageContaining("--target: refusing to flood 10.1.2.3:80")
                .hasMessageContaining("not a loopback address")
                .hasMessageContaining("machine you do not own")
                .hasMessageContaining("--allow-remote");
    }

    @Test
    void allowsRemoteTargetsWhenAsked() {
        assertThat(LoadTarget.resolve("10.1.2.3:80", "--target", "flood", true).getAddress().getHostAddress()).isEqualTo("10.1.2.3");
    }

    @Test
    void rejectsMalformedTargets() {
        assertThatThrownBy(() -> LoadTarget.resolve("127.0.0.1", "--target", "flood", false)).hasMessageContaining("--target: '127.0.0.1' is not HOST:PORT");
        assertThatThrownBy(() -> LoadTarget.resolve("127.0.0.1:http", "--target", "flood", false)).hasMessageContaining("not a number");
        assertThatThrownBy(() -> LoadTarget.resolve("127.0.0.1:70000", "--target", "flood", false)).hasMessageContaining("1..65535");
    }
}
