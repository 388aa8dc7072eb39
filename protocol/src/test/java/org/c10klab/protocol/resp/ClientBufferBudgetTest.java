package org.c10klab.protocol.resp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The shared budget: reservations in granules, eviction of the largest holder, nothing left counted. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ClientBufferBudgetTest {

    private static final int GRANULE = ClientBufferAccount.GRANULE_BYTES;

    @Test
    void reservationsAreWholeGranulesAndGoBackOnRelease() {
        ClientBufferBudget budget = new ClientBufferBudget(0);
        ClientBufferAccount account = budget.open(() -> { });

        account.hold(1);
        assertThat(account.reservedBytes()).isEqualTo(GRANULE);
        account.hold(GRANULE);
        assertThat(account.reservedBytes()).as("already reserved").isEqualTo(GRANULE);
        account.hold(GRANULE + 1);
        assertThat(budget.reservedBytes()).isEqualTo(2L * GRANULE);

        account.release();
        assertThat(account.reservedBytes()).isZero();
        assertThat(budget.reservedBytes()).isZero();
    }

    @Test
    void aGrowthPastTheBudgetEvictsTheConnectionHoldingTheMost() {
        ClientBufferBudget budget = new ClientBufferBudget(8L * GRANULE);
        AtomicInteger largestWoken = new AtomicInteger();
        AtomicInteger smallWoken = new AtomicInteger();
        ClientBufferAccount largest = budget.open(largestWoken::incrementAndGet);
        ClientBufferAccount small = budget.open(smallWoken::incrementAndGet);
        ClientBufferAccount growing = budget.open(() -> { });
        largest.hold(5L * GRANULE);
        small.hold(GRANULE);

        growing.hold(3L * GRANULE);

        assertThat(largestWoken).as("the largest holder's thread is woken once").hasValue(1);
        assertThat(largest.isEvicted()).isTrue();
        assertThatThrownBy(() -> largest.hold(1)).isInstanceOf(ClientBufferBudgetException.class)
                .hasMessage("client buffer budget exceeded: this connection held the largest request buffer ("
                        + 5 * GRANULE + " bytes) when all connections together needed more than " + 8 * GRANULE
                        + " bytes; raise --max-client-buffer-bytes");
        assertThat(smallWoken).hasValue(0);
        assertThat(small.reservedBytes()).isEqualTo(GRANULE);
        assertThat(growing.reservedBytes()).isEqualTo(3L * GRANULE);
        assertThat(budget.reservedBytes()).isEqualTo(4L * GRANULE);
    }

    @Test
    void theGrowingConnectionIsEvictedWhenItHoldsTheMost() {
        ClientBufferBudget budget = new ClientBufferBudget(4L * GRANULE);
        AtomicInteger otherWoken = new AtomicInteger();
        ClientBufferAccount other = budget.open(otherWoken::incrementAndGet);
        ClientBufferAccount growing = budget.open(() -> { });
        other.hold(2L * GRANULE);
        growing.hold(GRANULE);

        assertThatThrownBy(() -> growing.hold(3L * GRANULE)).isInstanceOf(ClientBufferBudgetException.class)
                .hasMessageContaining("(" + 3 * GRANULE + " bytes)");

        assertThat(otherWoken).hasValue(0);
        assertThat(other.reservedBytes()).isEqualTo(2L * GRANULE);
        assertThat(budget.reservedBytes()).as("the evicted reservation is given back").isEqualTo(2L * GRANULE);
    }

    @Test
    void withoutALimitEverythingIsCountedAndNobodyIsEvicted() {
        ClientBufferBudget budget = new ClientBufferBudget(0);
        List<ClientBufferAccount> accounts = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            accounts.add(budget.open(() -> { throw new AssertionError("evicted without a limit"); }));
            accounts.getLast().hold(1024L * 1024);
        }
        assertThat(budget.reservedBytes()).isEqualTo(100L * 1024 * 1024);
        accounts.forEach(ClientBufferAccount::close);
        assertThat(budget.reservedBytes()).isZero();
    }

    @Test
    void aClosedAccountGivesItsReservationBackAndIsNeverEvicted() {
        ClientBufferBudget budget = new ClientBufferBudget(2L * GRANULE);
        ClientBufferAccount closed = budget.open(() -> { throw new AssertionError("a closed account was evicted"); });
        closed.hold(2L * GRANULE);
        closed.close();
        closed.close();
        assertThat(budget.reservedBytes()).isZero();

        ClientBufferAccount next = budget.open(() -> { });
        next.hold(2L * GRANULE);
        assertThat(next.reservedBytes()).isEqualTo(2L * GRANULE);
    }

    @Test
    void concurrentGrowthReleaseAndEvictionLeaveNothingCounted() throws InterruptedException {
        ClientBufferBudget budget = new ClientBufferBudget(16L * GRANULE);
        int threads = 8;
        // Every round, each thread grows before any releases, so all compete for the budget at once.
        CyclicBarrier allGrown = new CyclicBarrier(threads);
        CountDownLatch done = new CountDownLatch(threads);
        AtomicInteger evictions = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        for (int t = 0; t < threads; t++) {
            Thread.ofPlatform().start(() -> {
                try {
                    for (int round = 0; round < 200; round++) {
                        // Counted by the eviction itself: an account evicted after its growth, while its
                        // thread waits at the barrier, never sees the exception, however threads are scheduled.
                        try (ClientBufferAccount account = budget.open(evictions::incrementAndGet)) {
                            try {
                                for (int held = GRANULE; held <= 6 * GRANULE; held += GRANULE) {
                                    account.hold(held + ThreadLocalRandom.current().nextInt(GRANULE));
                                }
                            } catch (ClientBufferBudgetException e) {
                                // evicted while growing; counted above
                            }
                            allGrown.await(10, TimeUnit.SECONDS);
                            account.release();
                        }
                    }
                } catch (Exception e) {
                    failures.incrementAndGet();
                } finally {
                    done.countDown();
                }
            });
        }
        assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(failures).hasValue(0);
        assertThat(evictions).as("8 threads wanting 7 granules each cannot all fit in 16").hasPositiveValue();
        assertThat(budget.reservedBytes()).as("every reservation given back exactly once").isZero();
    }
}
