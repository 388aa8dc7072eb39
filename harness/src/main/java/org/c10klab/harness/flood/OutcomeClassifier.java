package org.c10klab.harness.flood;

import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.unix.Errors;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;

/**
 * Names the outcome a failure stands for. Native transports report errno values, NIO reports JDK
 * exception texts; both are read here, so every transport labels the same event the same way.
 */
public final class OutcomeClassifier {

    // Linux errno values (asm-generic/errno-base.h, errno.h); Netty's native exceptions carry them negated.
    private static final int ENFILE = 23;
    private static final int EMFILE = 24;
    private static final int EPIPE = 32;
    private static final int EADDRNOTAVAIL = 99;
    private static final int ENOBUFS = 105;
    private static final int ECONNRESET = 104;
    private static final int ETIMEDOUT = 110;
    private static final int ECONNREFUSED = 111;

    private OutcomeClassifier() {
    }

    /**
     * An outcome and what to count it under.
     *
     * @param outcome the outcome
     * @param detail  the limit hit, why a reply was malformed, or the exception class; null if the outcome says all
     */
    public record Classification(Outcome outcome, String detail) {
    }

    /** Classifies {@code failure}, looking through its causes. */
    public static Classification classify(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            Classification known = known(cause);
            if (known != null) {
                return known;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return new Classification(Outcome.ERROR, rootCause(failure).getClass().getName());
    }

    private static Classification known(Throwable cause) {
        if (cause instanceof MalformedReplyException malformed) {
            return new Classification(Outcome.PROTOCOL_ERROR, malformed.getMessage());
        }
        if (cause instanceof ConnectTimeoutException || cause instanceof SocketTimeoutException) {
            return new Classification(Outcome.CONNECT_TIMEOUT, null);
        }
        if (cause instanceof Errors.NativeIoException nativeIo) {
            Classification byErrno = byErrno(-nativeIo.expectedErr());
            if (byErrno != null) {
                return byErrno;
            }
        }
        if (cause instanceof ClosedChannelException) {
            return new Classification(Outcome.CLOSED, null);
        }
        Classification byMessage = byMessage(cause.getMessage());
        if (byMessage != null) {
            return byMessage;
        }
        if (cause instanceof ConnectException) {
            return new Classification(Outcome.REFUSED, null);
        }
        return null;
    }

    private static Classification byErrno(int errno) {
        return switch (errno) {
            case ECONNREFUSED -> new Classification(Outcome.REFUSED, null);
            case ECONNRESET, EPIPE -> new Classification(Outcome.RESET, null);
            case ETIMEDOUT -> new Classification(Outcome.CONNECT_TIMEOUT, null);
            case EMFILE -> new Classification(Outcome.LOCAL_LIMIT, LocalLimit.OPEN_FILES.label());
            case ENFILE -> new Classification(Outcome.LOCAL_LIMIT, LocalLimit.SYSTEM_FILES.label());
            case EADDRNOTAVAIL -> new Classification(Outcome.LOCAL_LIMIT, LocalLimit.EPHEMERAL_PORTS.label());
            case ENOBUFS -> new Classification(Outcome.LOCAL_LIMIT, LocalLimit.SOCKET_BUFFERS.label());
            default -> null;
        };
    }

    // The JDK's NIO exceptions carry strerror() texts only.
    private static Classification byMessage(String message) {
        if (message == null) {
            return null;
        }
        String text = message.toLowerCase(Locale.ROOT);
        if (text.contains("connection refused")) {
            return new Classification(Outcome.REFUSED, null);
        }
        if (text.contains("connection reset") || text.contains("broken pipe")) {
            return new Classification(Outcome.RESET, null);
        }
        if (text.contains("connection timed out")) {
            return new Classification(Outcome.CONNECT_TIMEOUT, null);
        }
        for (LocalLimit limit : LocalLimit.values()) {
            if (text.contains(limit.strerror())) {
                return new Classification(Outcome.LOCAL_LIMIT, limit.label());
            }
        }
        return null;
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
