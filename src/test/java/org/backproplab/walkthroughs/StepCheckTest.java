package org.backproplab.walkthroughs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.backproplab.diagnosis.Finding;
import org.backproplab.diagnosis.FindingKind;
import org.backproplab.engine.EpochReport;
import org.backproplab.engine.LayerReport;
import org.backproplab.engine.NonFinite;
import org.junit.jupiter.api.Test;

class StepCheckTest {

    static LayerReport layer(int n, double gradient, Double dead) {
        return new LayerReport(n, 8, gradient, 1.0, 1e-3, 0.0, 0.5, dead, null);
    }

    static EpochReport report(int epoch, double train, double test, List<LayerReport> layers) {
        return new EpochReport(epoch, train, test, null, null, layers, null);
    }

    static final List<LayerReport> HEALTHY = List.of(layer(1, 0.1, 0.1), layer(2, 0.1, null));

    static Finding finding(FindingKind kind) {
        return new Finding(kind, 5, null, "numbers", "words", List.of(), "loss-chart");
    }

    static List<EpochReport> epochs(int count) {
        List<EpochReport> reports = new ArrayList<>();
        for (int e = 1; e <= count; e++) {
            reports.add(report(e, 0.7 / e, 0.7 / e, HEALTHY));
        }
        return reports;
    }

    @Test
    void parsesTheWrittenForms() {
        assertThat(StepCheck.parse("FINDING:DEAD_RELU")).isEqualTo(new StepCheck(StepCheck.Condition.FINDING, FindingKind.DEAD_RELU));
        assertThat(StepCheck.parse(" no_finding : overfitting ")).isEqualTo(new StepCheck(StepCheck.Condition.NO_FINDING, FindingKind.OVERFITTING));
        assertThat(StepCheck.parse("layer_dead_over_half")).isEqualTo(new StepCheck(StepCheck.Condition.LAYER_DEAD_OVER_HALF, null));
        assertThat(StepCheck.parse("FINDING:DIVERGED").toString()).isEqualTo("FINDING:DIVERGED");
    }

    @Test
    void rejectsUnknownOrIncompleteForms() {
        assertThatThrownBy(() -> StepCheck.parse("FINDING")).hasMessageContaining("needs a finding kind");
        assertThatThrownBy(() -> StepCheck.parse("NON_FINITE:DIVERGED")).hasMessageContaining("takes no finding kind");
        assertThatThrownBy(() -> StepCheck.parse("FINDING:SLOW")).hasMessageContaining("unknown finding kind 'SLOW'");
        assertThatThrownBy(() -> StepCheck.parse("SOMETHING")).hasMessageContaining("allowed: FINDING:<KIND>");
    }

    @Test
    void findingIsMetOnlyWhenThatKindWasRaised() {
        StepCheck check = StepCheck.parse("FINDING:DEAD_RELU");
        assertThat(check.isMet(epochs(3), List.of())).isFalse();
        assertThat(check.isMet(epochs(3), List.of(finding(FindingKind.OVERFITTING)))).isFalse();
        assertThat(check.isMet(epochs(3), List.of(finding(FindingKind.DEAD_RELU)))).isTrue();
        assertThat(check.describe()).isEqualTo("The lab reports dead ReLU");
    }

    @Test
    void noFindingNeedsEnoughEpochsFirst() {
        StepCheck check = StepCheck.parse("NO_FINDING:DEAD_RELU");
        assertThat(check.isMet(List.of(), List.of())).isFalse();
        assertThat(check.isMet(epochs(StepCheck.EPOCHS_BEFORE_ABSENCE_COUNTS - 1), List.of())).isFalse();
        assertThat(check.isMet(epochs(StepCheck.EPOCHS_BEFORE_ABSENCE_COUNTS), List.of())).isTrue();
        assertThat(check.isMet(epochs(StepCheck.EPOCHS_BEFORE_ABSENCE_COUNTS), List.of(finding(FindingKind.DEAD_RELU)))).isFalse();
    }

    @Test
    void layerDeadOverHalfLooksAtTheLatestEpoch() {
        StepCheck check = StepCheck.parse("LAYER_DEAD_OVER_HALF");
        List<EpochReport> reports = new ArrayList<>(epochs(2));
        assertThat(check.isMet(reports, List.of())).isFalse();
        reports.add(report(3, 0.5, 0.5, List.of(layer(1, 0.1, 0.625), layer(2, 0.1, null))));
        assertThat(check.isMet(reports, List.of())).isTrue();
        reports.add(report(4, 0.5, 0.5, List.of(layer(1, 0.1, 0.5), layer(2, 0.1, null))));
        assertThat(check.isMet(reports, List.of())).as("exactly half is not more than half").isFalse();
        assertThat(check.isMet(List.of(), List.of())).isFalse();
    }

    @Test
    void firstLayerGradientTinyComparesWithTheOutputLayer() {
        StepCheck check = StepCheck.parse("FIRST_LAYER_GRADIENT_TINY");
        assertThat(check.isMet(List.of(report(1, 0.7, 0.7, List.of(layer(1, 1e-5, null), layer(2, 0.1, null)))), List.of())).isTrue();
        assertThat(check.isMet(List.of(report(1, 0.7, 0.7, List.of(layer(1, 1e-3, null), layer(2, 0.1, null)))), List.of())).isFalse();
    }

    @Test
    void nonFiniteIsMetByAnyDivergedEpoch() {
        StepCheck check = StepCheck.parse("NON_FINITE");
        List<EpochReport> reports = new ArrayList<>(epochs(2));
        assertThat(check.isMet(reports, List.of())).isFalse();
        reports.add(new EpochReport(3, null, null, null, null, HEALTHY, new NonFinite(2, "weight")));
        assertThat(check.isMet(reports, List.of())).isTrue();
    }

    @Test
    void testLossRisingNeedsTrainingLossStillFalling() {
        StepCheck check = StepCheck.parse("TEST_LOSS_RISING");
        List<EpochReport> rising = List.of(report(1, 0.6, 0.5, HEALTHY), report(2, 0.4, 0.4, HEALTHY), report(3, 0.2, 0.5, HEALTHY));
        assertThat(check.isMet(rising, List.of())).isTrue();
        List<EpochReport> bothRising = List.of(report(1, 0.6, 0.5, HEALTHY), report(2, 0.4, 0.4, HEALTHY), report(3, 0.5, 0.5, HEALTHY));
        assertThat(check.isMet(bothRising, List.of())).isFalse();
        List<EpochReport> wobble = List.of(report(1, 0.6, 0.5, HEALTHY), report(2, 0.4, 0.4, HEALTHY), report(3, 0.2, 0.42, HEALTHY));
        assertThat(check.isMet(wobble, List.of())).as("a 5 % wobble is not a rise").isFalse();
    }

    @Test
    void lossHalvedComparesWithTheFirstEpoch() {
        StepCheck check = StepCheck.parse("LOSS_HALVED");
        assertThat(check.isMet(epochs(1), List.of())).isFalse();
        assertThat(check.isMet(epochs(2), List.of())).isTrue();
        assertThat(check.isMet(List.of(), List.of())).isFalse();
    }
}
