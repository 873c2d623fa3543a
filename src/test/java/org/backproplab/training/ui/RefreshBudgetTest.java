package org.backproplab.training.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RefreshBudgetTest {

    @Test
    void onePageGetsItsOwnRateAndManyPagesShareTheTotal() {
        RefreshBudget budget = new RefreshBudget(20, 300);
        budget.pageStarted();
        assertThat(budget.minIntervalNanos()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
        for (int i = 1; i < 50; i++) {
            budget.pageStarted();
        }
        // 300 a second shared by 50 pages: 6 a second each
        assertThat(budget.minIntervalNanos()).isEqualTo(TimeUnit.SECONDS.toNanos(1) / 6);
        for (int i = 0; i < 60; i++) {
            budget.pageStopped();
        }
        assertThat(budget.activePages()).isZero();
        assertThat(budget.minIntervalNanos()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
    }

    @Test
    void pushesGiveFiftyPagesOnTwoCoresAtLeastFiveUpdatesASecond() {
        RefreshBudget pushes = RefreshBudget.pushes();
        for (int i = 0; i < 50 * Runtime.getRuntime().availableProcessors() / 2; i++) {
            pushes.pageStarted();
        }
        assertThat(pushes.minIntervalNanos()).isLessThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(200));
    }

    @Test
    void ratesMustBePositive() {
        assertThatThrownBy(() -> new RefreshBudget(0, 10)).hasMessageContaining("must be > 0");
    }
}
