package org.c10klab.harness.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The experiments' arithmetic, without processes: retransmit schedules, counter rounds, the lab's timeouts. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ExperimentRulesTest {

    @Test
    void synRetransmitsAreLinearForTheConfiguredCountThenDouble() {
        assertThat(SynRetransmits.expectedSeconds(4, 70)).containsExactly(1.0, 2.0, 3.0, 4.0, 5.0, 7.0, 11.0, 19.0,
                35.0, 67.0);
        assertThat(SynRetransmits.expectedSeconds(0, 70)).containsExactly(1.0, 3.0, 7.0, 15.0, 31.0, 63.0);
        assertThat(SynRetransmits.expectedSeconds(4, 0.9)).isEmpty();
    }

    @Test
    void overflowRisesCloserThanTheGapAreOneRound() {
        List<OverflowTimeline.Rise> rises = List.of(new OverflowTimeline.Rise(0.2, 7),
                new OverflowTimeline.Rise(1.1, 3), new OverflowTimeline.Rise(1.2, 4),
                new OverflowTimeline.Rise(2.2, 7));

        assertThat(OverflowTimeline.merged(rises, 0.5)).containsExactly(new OverflowTimeline.Rise(0.2, 7),
                new OverflowTimeline.Rise(1.1, 7), new OverflowTimeline.Rise(2.2, 7));
    }

    @Test
    void labTimeoutsServeTheFirstClientOnlyAndNeverLetADroppedSynIn() {
        for (LabPlan plan : List.of(LabPlan.standard(), LabPlan.quick())) {
            assertThat(plan.responseTimeout()).as("the first client is answered within its patience")
                    .isGreaterThan(plan.sleep());
            assertThat(plan.responseTimeout()).as("the second, answered after two service times, is not")
                    .isLessThan(plan.sleep().multipliedBy(2));
            assertThat(plan.connectTimeout()).as("clients give up before the queue frees a place")
                    .isLessThan(plan.sleep());
            assertThat(plan.queueResponseTimeout())
                    .isGreaterThan(plan.queueSleep().multipliedBy(plan.sequentialClients()));
        }
        assertThat(LabPlan.standard().sleep()).isEqualTo(Duration.ofSeconds(10));
        assertThat(LabPlan.standard().connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(LabPlan.quick().sleep()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void backlogSettingsKeepKernelChangesInsideNamespaces() {
        assertThatThrownBy(() -> new BacklogSettings(LabModel.SERIAL, List.of(1), List.of(10), Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(1), 1, false, null, 16))
                .hasMessageContaining("add --netns");
        BacklogSettings netty = new BacklogSettings(LabModel.NETTY, List.of(1, 8), List.of(10), Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(1), 3, true, 1, 16);
        assertThat(netty.serverOptions(8)).containsSubsequence("--backlog", "8", "--max-connections", "3");
        assertThat(netty.heldByServer()).isEqualTo(3);
        assertThat(netty.cell(8, 10).netns()).as("a cell runs where it is started").isFalse();
    }
}
