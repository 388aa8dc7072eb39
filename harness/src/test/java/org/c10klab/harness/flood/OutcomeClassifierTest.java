package org.c10klab.harness.flood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.ChannelException;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.unix.Errors;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import org.c10klab.harness.flood.OutcomeClassifier.Classification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The failures that are hard to cause on purpose (our own limits, the unknown), classified from the
 * exceptions the transports really throw: native errno exceptions and the JDK's strerror texts.
 */
class OutcomeClassifierTest {

    @BeforeAll
    static void loadNativeTransport() {
        // Netty's errno exceptions need its JNI library, which the native transports load.
        assumeTrue(Epoll.isAvailable(), "needs Netty's native epoll library");
    }

    @Test
    void ownOpenFileLimitIsLocalLimit() {
        // What Netty's native transports throw when socket() fails with EMFILE, wrapped as channel creation fails.
        Throwable nativeEmfile = new ChannelException("Failed to open a socket.",
                new Errors.NativeIoException("newSocketStream", -24));
        Throwable nioEmfile = new SocketException("Too many open files");

        assertThat(OutcomeClassifier.classify(nativeEmfile))
                .isEqualTo(new Classification(Outcome.LOCAL_LIMIT, "open_files"));
        assertThat(OutcomeClassifier.classify(nioEmfile))
                .isEqualTo(new Classification(Outcome.LOCAL_LIMIT, "open_files"));
    }

    @Test
    void otherLocalLimitsAreNamed() {
        assertThat(OutcomeClassifier.classify(new Errors.NativeIoException("connect", -99)))
                .isEqualTo(new Classification(Outcome.LOCAL_LIMIT, "ephemeral_ports"));
        assertThat(OutcomeClassifier.classify(new SocketException("Cannot assign requested address")))
                .isEqualTo(new Classification(Outcome.LOCAL_LIMIT, "ephemeral_ports"));
        assertThat(OutcomeClassifier.classify(new SocketException("Too many open files in system")))
                .isEqualTo(new Classification(Outcome.LOCAL_LIMIT, "system_files"));
    }

    @Test
    void networkFailuresByErrnoAndByText() {
        assertThat(OutcomeClassifier.classify(new Errors.NativeIoException("recvAddress", -104)).outcome())
                .isEqualTo(Outcome.RESET);
        assertThat(OutcomeClassifier.classify(new IOException("Connection reset by peer")).outcome())
                .isEqualTo(Outcome.RESET);
        assertThat(OutcomeClassifier.classify(new IOException("Broken pipe")).outcome()).isEqualTo(Outcome.RESET);
        assertThat(OutcomeClassifier.classify(new ConnectException("Connection refused")).outcome())
                .isEqualTo(Outcome.REFUSED);
        assertThat(OutcomeClassifier.classify(new ConnectTimeoutException("connection timed out")).outcome())
                .isEqualTo(Outcome.CONNECT_TIMEOUT);
        assertThat(OutcomeClassifier.classify(new ClosedChannelException()).outcome()).isEqualTo(Outcome.CLOSED);
    }

    @Test
    void anythingElseIsErrorWithItsClass() {
        assertThat(OutcomeClassifier.classify(new IllegalStateException("surprise", new ArithmeticException())))
                .isEqualTo(new Classification(Outcome.ERROR, "java.lang.ArithmeticException"));
    }
}
