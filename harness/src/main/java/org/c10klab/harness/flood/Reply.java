package org.c10klab.harness.flood;

/** What came back for one request, as far as the referee cares: an answer, or an error reply. */
sealed interface Reply permits Reply.Answer, Reply.Error {

    /** Any reply that is not an error. */
    Reply ANSWER = new Answer();

    /** A reply that is not an error; its content does not matter to the flood. */
    record Answer() implements Reply {
    }

    /** An error reply, e.g. {@code -ERR unknown command 'FOO'}, with its message. */
    record Error(String message) implements Reply {
    }
}
