package org.c10klab.harness.flood;

/**
 * The requests a connection has written and not yet had answered, oldest first: a ring of primitive arrays,
 * so a request in flight costs no object. Its size is a power of two (an index is a mask, not a division) and
 * doubles when the pipeline needs it; one event loop only.
 */
final class InFlightRequests {

    /** The ring's first size: a pipeline deeper than this grows it only when it is used. */
    private static final int INITIAL_CAPACITY = 16;

    /** Which command of the workload, by number. */
    private int[] commands;
    /** When the schedule wanted it sent (open model); equal to the send time otherwise. */
    private long[] intendedNanos;
    /** When it was written. */
    private long[] sentNanos;
    private int head;
    private int size;

    InFlightRequests(int pipeline) {
        int capacity = Integer.highestOneBit(Math.min(pipeline, INITIAL_CAPACITY) * 2 - 1);
        commands = new int[capacity];
        intendedNanos = new long[capacity];
        sentNanos = new long[capacity];
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void add(int command, long intended, long sent) {
        if (size == commands.length) {
            grow();
        }
        int at = (head + size) & (commands.length - 1);
        commands[at] = command;
        intendedNanos[at] = intended;
        sentNanos[at] = sent;
        size++;
    }

    /** The command of the {@code position}-th request in flight, from the oldest at 0. */
    int command(int position) {
        return commands[(head + position) & (commands.length - 1)];
    }

    /** The oldest request's intended send time; only when not empty. */
    long oldestIntendedNanos() {
        return intendedNanos[head];
    }

    /** The oldest request's send time; only when not empty. */
    long oldestSentNanos() {
        return sentNanos[head];
    }

    /** Drops the oldest request: it was answered. */
    void removeOldest() {
        head = (head + 1) & (commands.length - 1);
        size--;
    }

    void clear() {
        head = 0;
        size = 0;
    }

    private void grow() {
        int capacity = commands.length * 2;
        int[] newCommands = new int[capacity];
        long[] newIntended = new long[capacity];
        long[] newSent = new long[capacity];
        for (int i = 0; i < size; i++) {
            int from = (head + i) & (commands.length - 1);
            newCommands[i] = commands[from];
            newIntended[i] = intendedNanos[from];
            newSent[i] = sentNanos[from];
        }
        commands = newCommands;
        intendedNanos = newIntended;
        sentNanos = newSent;
        head = 0;
    }
}
