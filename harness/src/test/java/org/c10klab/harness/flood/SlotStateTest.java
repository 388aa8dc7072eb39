package org.c10klab.harness.flood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The client slot's state table: every state can still end, an attempt ends exactly one way, and a
 * move off the table is refused rather than counted.
 */
class SlotStateTest {

    @Test
    void everyStateCanReachFinishedAndFinishedIsTheEnd() {
        // A state with no way to FINISHED would leave the engine waiting for that slot forever.
        for (SlotState from : SlotState.values()) {
            assertThat(reachableFrom(from)).as("reachable from " + from).contains(SlotState.FINISHED);
        }
        // And a slot that cannot finish twice tells the engine it is done exactly once.
        assertThat(SlotState.values()).noneMatch(SlotState.FINISHED::allows);
    }

    @Test
    void anAttemptEndsConnectedOrFailedAndOnlyAnAttemptConnects() {
        assertThat(exits(SlotState.CONNECTING)).containsExactlyInAnyOrder(SlotState.CONNECTED, SlotState.IDLE);
        assertThat(SlotState.values()).filteredOn(state -> state.allows(SlotState.CONNECTED))
                .containsExactly(SlotState.CONNECTING);
        assertThat(SlotState.values()).filteredOn(state -> state.allows(SlotState.CONNECTING))
                .as("a new attempt only once the last connection is gone").containsExactly(SlotState.IDLE);
    }

    @Test
    void aMoveOffTheTableIsRefused() {
        assertThat(SlotState.IDLE.moveTo(SlotState.CONNECTING)).isEqualTo(SlotState.CONNECTING);
        assertThatThrownBy(() -> SlotState.CLOSING.moveTo(SlotState.CONNECTED))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("client slot: CLOSING -> CONNECTED (expected one of [IDLE])");
        assertThatThrownBy(() -> SlotState.FINISHED.moveTo(SlotState.FINISHED))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("client slot: FINISHED -> FINISHED (expected one of [])");
        assertThatThrownBy(() -> SlotState.CONNECTED.moveTo(SlotState.FINISHED))
                .as("a slot finishes only once its connection is gone").isInstanceOf(IllegalStateException.class);
    }

    private static Set<SlotState> exits(SlotState from) {
        Set<SlotState> exits = EnumSet.noneOf(SlotState.class);
        Arrays.stream(SlotState.values()).filter(from::allows).forEach(exits::add);
        return exits;
    }

    private static Set<SlotState> reachableFrom(SlotState start) {
        Set<SlotState> seen = EnumSet.of(start);
        Deque<SlotState> todo = new ArrayDeque<>(Set.of(start));
        while (!todo.isEmpty()) {
            for (SlotState next : exits(todo.pop())) {
                if (seen.add(next)) {
                    todo.push(next);
                }
            }
        }
        return seen;
    }
}
