package org.c10klab.harness.flood;

/** What came back for one request, as far as the referee cares: an answer, a nil answer, or an error reply. */
sealed interface Reply permits Reply.Answer, Reply.Error {

    /** Any reply that is not an error or nil. */
    Reply ANSWER = new Answer(false);
    /** A nil bulk or array ({@code $-1}, {@code *-1}): e.g. a GET whose key is not in the store. */
    Reply NIL = new Answer(true);

    /**
     * A reply that is not an error; its content does not matter to the flood, only whether it is nil.
     *
     * @param nil true for {@code $-1} or {@code *-1}
     */
    record Answer(boolean nil) implements Reply {
    }

    /** An error reply, e.g. {@code -ERR unknown command 'FOO'}, with its message. */
    record Error(String message) implements Reply {
    }
}
