package org.c10klab.harness.flood;

import java.util.Arrays;

/**
 * Where a {@link ClientSlot} is with its connection. The slot changes state only through
 * {@link #moveTo}, so a move this table does not allow is a bug that fails loudly instead of
 * counting an outcome twice or never.
 */
enum SlotState {
    /** No connection and no attempt: before the first, between reconnects, or about to finish. */
    IDLE,
    /** An attempt is out; it ends exactly once, connected ({@link #CONNECTED}) or failed ({@link #IDLE}). */
    CONNECTING,
    /** Requests go out and replies come in; it ends when we close it or the peer does. */
    CONNECTED,
    /** We asked for the close: nothing more is written or read until the channel reports it closed. */
    CLOSING,
    /** Nothing more will happen, and the engine has been told. */
    FINISHED;

    /**
     * The state {@code next}, when this one may move there.
     *
     * @throws IllegalStateException when it may not
     */
    SlotState moveTo(SlotState next) {
        if (!allows(next)) {
            throw new IllegalStateException("client slot: " + this + " -> " + next + " (expected one of "
                    + Arrays.stream(values()).filter(this::allows).toList() + ")");
        }
        return next;
    }

    /** Whether this state may move to {@code next}. */
    boolean allows(SlotState next) {
        return switch (this) {
            case IDLE -> next == CONNECTING || next == FINISHED;
            case CONNECTING -> next == CONNECTED || next == IDLE;
            case CONNECTED -> next == CLOSING || next == IDLE;
            case CLOSING -> next == IDLE;
            case FINISHED -> false;
        };
    }
}
