package org.backproplab.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.backproplab.diagnosis.Runs.config;
import static org.backproplab.diagnosis.Runs.epoch;
import static org.backproplab.diagnosis.Runs.feed;
import static org.backproplab.diagnosis.Runs.healthyLoss;
import static org.backproplab.diagnosis.Runs.layer;
import static org.backproplab.diagnosis.Runs.reluLayer;
import static org.backproplab.diagnosis.Runs.tanhLayer;
import static org.backproplab.diagnosis.Runs.uniformLayers;

import java.util.ArrayList;
import java.util.List;
import org.backproplab.config.RunConfig;
import org.backproplab.engine.LayerReport;
import org.backproplab.engine.NonFinite;
import org.backproplab.engine.Task;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RunDiagnosisTest {

    static final RunConfig TANH_4X8 = config("dataset=spiral&layers=8,8,8,8&activation=tanh");

    @Test
    void aHealthyRunRaisesNothing() {
        RunDiagnosis diagnosis = new RunDiagnosis(TANH_4X8, Task.BINARY, 2);
        List<Finding> raised = feed(diagnosis, 200, e -> epoch(e, healthyLoss(e), healthyLoss(e) * 1.1, 0.5 + 0.45 * (1 - Math.exp(-e / 15.0)),
                0.5 + 0.43 * (1 - Math.exp(-e / 15.0)), uniformLayers(4, 0.1 * Math.exp(-e / 50.0), 2e-3)));
        assertThat(raised).isEmpty();
        assertThat(diagnosis.findings()).isEmpty();
    }

    @Test
    void aSlowStartOnThePlateauIsNotCalledNotLearning() {
        // As a real 4×8 tanh spiral run: creeps from 0.685 to 0.672 over 30 epochs, then takes off.
        RunDiagnosis diagnosis = new RunDiagnosis(TANH_4X8, Task.BINARY, 2);
        List<Finding> raised = feed(diagnosis, 60, e -> epoch(e, e <= 35 ? 0.686 - 0.0004 * e : 0.672 - 0.01 * (e - 35),
                0.68, uniformLayers(4, 0.15, 2e-3)));
        assertThat(raised).isEmpty();
    }

    @Test
    void multiclassNeedsAtLeastTwoClasses() {
        assertThatThrownBy(() -> new RunDiagnosis(TANH_4X8, Task.MULTICLASS, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("classes");
    }

    @Nested
    class VanishingGradients {

        final RunConfig deepSigmoid = config("dataset=circle&layers=8,8,8,8,8,8,8,8,8,8&activation=sigmoid&init=xavier");

        List<LayerReport> layers(double firstGradient) {
            List<LayerReport> layers = new ArrayList<>();
            for (int l = 1; l <= 11; l++) {
                layers.add(layer(l, l == 1 ? firstGradient : 0.1 * Math.pow(4, l - 11), 1e-3));
            }
            return layers;
        }

        @Test
        void raisedOnceAfterTheWindowWhenTheLossIsStuck() {
            RunDiagnosis diagnosis = new RunDiagnosis(deepSigmoid, Task.BINARY, 2);
            List<Finding> raised = feed(diagnosis, 30, e -> epoch(e, 0.6931, 0.6932, layers(1e-7)));
            assertThat(raised).hasSize(1);
            Finding finding = raised.getFirst();
            assertThat(finding.kind()).isEqualTo(FindingKind.VANISHING_GRADIENTS);
            // stalled needs 5 epochs of history before it can be judged, then 5 epochs of persistence
            assertThat(finding.epoch()).isEqualTo(10);
            assertThat(finding.layer()).isEqualTo(1);
            assertThat(finding.chart()).isEqualTo(Charts.GRADIENT);
            assertThat(finding.evidence()).contains("1e-07").contains("0.1");
            assertThat(finding.remedies()).extracting(Remedy::label)
                    .containsExactly("Switch to ReLU + He init", "Add batch normalization", "Use 3 hidden layers instead of 10");
            RunConfig relu = finding.remedies().get(0).config();
            assertThat(relu.network().activation()).isEqualTo("relu");
            assertThat(relu.network().initializer()).isEqualTo("he");
            assertThat(relu.network().hiddenLayers()).hasSize(10);
            assertThat(finding.remedies().get(1).config().network().batchNorm()).isTrue();
            assertThat(finding.remedies().get(2).config().network().hiddenLayers()).containsExactly(8, 8, 8);
            assertThat(diagnosis.findings()).containsExactly(finding);
        }

        @Test
        void notRaisedWhileTheLossStillFalls() {
            RunDiagnosis diagnosis = new RunDiagnosis(deepSigmoid, Task.BINARY, 2);
            assertThat(feed(diagnosis, 30, e -> epoch(e, healthyLoss(e), healthyLoss(e), layers(1e-7)))).isEmpty();
        }

        @Test
        void notRaisedForOneBadEpoch() {
            RunDiagnosis diagnosis = new RunDiagnosis(deepSigmoid, Task.BINARY, 2);
            assertThat(feed(diagnosis, 30, e -> epoch(e, 0.6931, 0.6932, layers(e % 4 == 0 ? 1e-7 : 1e-2))))
                    .extracting(Finding::kind).doesNotContain(FindingKind.VANISHING_GRADIENTS);
        }

        @Test
        void updatedWhenItGetsAnOrderOfMagnitudeWorse() {
            RunDiagnosis diagnosis = new RunDiagnosis(deepSigmoid, Task.BINARY, 2);
            List<Finding> raised = feed(diagnosis, 40, e -> epoch(e, 0.6931, 0.6932,
                    layers(e < 20 ? 1e-5 : e < 30 ? 3e-6 : 1e-7)));
            assertThat(raised).extracting(Finding::epoch).containsExactly(10, 30);
            assertThat(raised).extracting(Finding::kind).containsOnly(FindingKind.VANISHING_GRADIENTS);
            assertThat(diagnosis.findings()).hasSize(1);
            assertThat(diagnosis.findings().getFirst().epoch()).isEqualTo(30);
            assertThat(diagnosis.findings().getFirst().evidence()).contains("1e-07");
        }
    }

    @Nested
    class ExplodingAndDiverged {

        final RunConfig deepRelu = config("dataset=spiral&layers=32,32,32,32,32,32,32,32&activation=relu&init=normal&initScale=1");

        @Test
        void hugeUpdateRatiosRaiseExplodingGradientsWithTheUsualRemedies() {
            RunDiagnosis diagnosis = new RunDiagnosis(deepRelu, Task.BINARY, 2);
            List<Finding> raised = feed(diagnosis, 3, e -> epoch(e, 40.0 * e, 40.0 * e, uniformLayers(8, 1e4, 5.0)));
            assertThat(raised).extracting(Finding::kind).containsExactly(FindingKind.EXPLODING_GRADIENTS);
            Finding finding = raised.getFirst();
            assertThat(finding.epoch()).isEqualTo(Thresholds.EXPLODING_PERSISTENCE_EPOCHS);
            assertThat(finding.evidence()).contains("update:weight ratio").contains("5");
            assertThat(finding.remedies()).extracting(Remedy::label).containsExactly("Add batch normalization",
                    "Lower the learning rate to 0.003", "Clip gradients at norm 1", "Use He init");
            assertThat(finding.remedies().get(1).config().training().learningRate()).isEqualTo(0.003);
            assertThat(finding.remedies().get(2).config().training().clipNorm()).isEqualTo(1.0);
        }

        @Test
        void gradientNormsGrowingByOrdersOfMagnitudeWhileTheLossRises() {
            RunDiagnosis diagnosis = new RunDiagnosis(deepRelu, Task.BINARY, 2);
            List<Finding> raised = feed(diagnosis, 8, e -> epoch(e, e < 4 ? 0.7 - 0.01 * e : 0.7 + e,
                    0.7, uniformLayers(8, Math.pow(10, e - 1) * 0.01, 0.01)));
            assertThat(raised).extracting(Finding::kind).containsOnly(FindingKind.EXPLODING_GRADIENTS);
            // raised once the growth has lasted two epochs, then re-reported for each further order of magnitude
            assertThat(raised).extracting(Finding::epoch).startsWith(5).isSorted().doesNotHaveDuplicates();
            assertThat(raised.getFirst().evidence()).contains("grew from 0.01");
            assertThat(diagnosis.findings()).hasSize(1);
        }

        @Test
        void aNonFiniteValueRaisesDivergedAtOnceNamingWhere() {
            RunDiagnosis diagnosis = new RunDiagnosis(deepRelu, Task.BINARY, 2);
            diagnosis.observe(epoch(1, 3.0, 3.0, uniformLayers(8, 50, 0.5)));
            List<Finding> raised = diagnosis.observe(Runs.diverged(2, new NonFinite(3, "gradient"), uniformLayers(8, 50, 0.5)));
            assertThat(raised).extracting(Finding::kind).containsExactly(FindingKind.DIVERGED);
            Finding finding = raised.getFirst();
            assertThat(finding.layer()).isEqualTo(3);
            assertThat(finding.evidence()).contains("gradient in hidden layer 3 at epoch 2").contains("gradient norms at epoch 1");
            assertThat(finding.remedies()).extracting(Remedy::label).contains("Add batch normalization", "Lower the learning rate to 0.003");
        }

        @Test
        void batchNormIsNotOfferedTwice() {
            RunDiagnosis diagnosis = new RunDiagnosis(config("layers=8,8&activation=relu&init=he&batchNorm=true&lr=1&clipNorm=0.5"), Task.BINARY, 2);
            List<Finding> raised = feed(diagnosis, 2, e -> epoch(e, 40.0 * e, 40.0 * e, uniformLayers(2, 1e4, 5.0)));
            assertThat(raised.getFirst().remedies()).extracting(Remedy::label).containsExactly("Lower the learning rate to 0.1");
        }
    }

    @Nested
    class DeadRelu {

        final RunConfig relu = config("dataset=circle&layers=8,8,8,8,8&activation=relu&init=he&lr=1");

        List<LayerReport> layers(double deadInLayer3) {
            List<LayerReport> layers = new ArrayList<>();
            for (int l = 1; l <= 5; l++) {
                layers.add(reluLayer(l, 0.05, 1e-3, l == 3 ? deadInLayer3 : 0.125));
            }
            layers.add(layer(6, 0.05, 1e-3));
            return layers;
        }

        @Test
        void moreThanHalfDeadIsRaisedForThatLayer() {
            RunDiagnosis diagnosis = new RunDiagnosis(relu, Task.BINARY, 2);
            List<Finding> raised = feed(diagnosis, 10, e -> epoch(e, healthyLoss(e), healthyLoss(e), layers(0.75)));
            assertThat(raised).extracting(Finding::kind).containsExactly(FindingKind.DEAD_RELU);
            Finding finding = raised.getFirst();
            assertThat(finding.epoch()).isEqualTo(5);
            assertThat(finding.layer()).isEqualTo(3);
            assertThat(finding.chart()).isEqualTo(Charts.DEAD);
            assertThat(finding.evidence()).startsWith("6 of 8 units of hidden layer 3 are dead (75 %)");
            assertThat(finding.remedies()).extracting(Remedy::label)
                    .containsExactly("Lower the learning rate to 0.1", "Switch to Leaky ReLU");
            assertThat(finding.remedies().get(1).config().network().activation()).isEqualTo("leaky_relu");
        }

        @Test
        void halfDeadOrLessIsNotRaised() {
            RunDiagnosis diagnosis = new RunDiagnosis(relu, Task.BINARY, 2);
            assertThat(feed(diagnosis, 20, e -> epoch(e, healthyLoss(e), healthyLoss(e), layers(0.5)))).isEmpty();
        }

        @Test
        void updatedWhenTenMorePointsDie() {
            RunDiagnosis diagnosis = new RunDiagnosis(relu, Task.BINARY, 2);
            List<Finding> raised = feed(diagnosis, 20, e -> epoch(e, healthyLoss(e), healthyLoss(e), layers(e < 10 ? 0.625 : e < 15 ? 0.7 : 1.0)));
            assertThat(raised).extracting(Finding::epoch).containsExactly(5, 15);
            assertThat(diagnosis.findings()).singleElement().extracting(Finding::evidence).asString().contains("(100 %)");
        }

        @Test
        void leakyReluLayersAreNotCalledDead() {
            RunDiagnosis diagnosis = new RunDiagnosis(config("layers=8,8,8,8,8&activation=leaky_relu&lr=1"), Task.BINARY, 2);
            assertThat(feed(diagnosis, 20, e -> epoch(e, healthyLoss(e), healthyLoss(e), layers(0.9)))).isEmpty();
        }
    }

    @Nested
    class Saturation {

        List<LayerReport> layers(double saturated) {
            return List.of(tanhLayer(1, 0.01, 1e-3, saturated), tanhLayer(2, 0.01, 1e-3, 0.1), layer(3, 0.05, 1e-3));
        }

        @Test
        void mostlySaturatedWithAStalledLossIsRaised() {
            RunDiagnosis diagnosis = new RunDiagnosis(config("layers=8,8&activation=tanh&init=normal&initScale=3"), Task.BINARY, 2);
            List<Finding> raised = feed(diagnosis, 15, e -> epoch(e, 0.6, 0.6, layers(0.9)));
            assertThat(raised).extracting(Finding::kind).containsExactly(FindingKind.SATURATION);
            assertThat(raised.getFirst().layer()).isEqualTo(1);
            assertThat(raised.getFirst().chart()).isEqualTo(Charts.ACTIVATION);
            assertThat(raised.getFirst().remedies()).extracting(Remedy::label)
                    .containsExactly("Switch to ReLU + He init", "Add batch normalization", "Use Xavier init");
        }

        @Test
        void saturationWhileTheLossFallsIsNotAProblem() {
            RunDiagnosis diagnosis = new RunDiagnosis(TANH_4X8, Task.BINARY, 2);
            assertThat(feed(diagnosis, 30, e -> epoch(e, healthyLoss(e), healthyLoss(e), layers(0.9)))).isEmpty();
        }
    }

    @Nested
    class Overfitting {

        final RunConfig big = config("dataset=circle&samples=60&noise=0.3&layers=64,64,64&activation=relu&init=he");

        @Test
        void testLossRisingWhileTrainingLossFalls() {
            RunDiagnosis diagnosis = new RunDiagnosis(big, Task.BINARY, 2);
            List<Finding> raised = feed(diagnosis, 30, e -> epoch(e, 0.6 / e, e <= 10 ? 0.6 - 0.02 * e : 0.4 + 0.03 * (e - 10),
                    uniformLayers(3, 0.1, 1e-3)));
            assertThat(raised).isNotEmpty();
            Finding first = raised.getFirst();
            assertThat(first.kind()).isEqualTo(FindingKind.OVERFITTING);
            assertThat(first.chart()).isEqualTo(Charts.LOSS);
            assertThat(first.layer()).isNull();
            assertThat(first.evidence()).contains("test loss rose from 0.4 (epoch 10)");
            assertThat(first.remedies()).extracting(Remedy::label).containsExactly("Add dropout 0.3",
                    "Add L2 regularization 0.03", "Use more data (240 samples)", "Use a smaller network (2×32)");
            assertThat(first.remedies().get(2).config().dataset().samples()).isEqualTo(240);
            assertThat(first.remedies().get(3).config().network().hiddenLayers()).containsExactly(32, 32);
        }

        @Test
        void aWideAccuracyGapPointsAtTheAccuracyChart() {
            RunDiagnosis diagnosis = new RunDiagnosis(big, Task.BINARY, 2);
            List<Finding> raised = feed(diagnosis, 10, e -> epoch(e, 0.3, 0.35, 0.95, 0.7, uniformLayers(3, 0.1, 1e-3)));
            assertThat(raised).extracting(Finding::kind).containsExactly(FindingKind.OVERFITTING);
            assertThat(raised.getFirst().chart()).isEqualTo(Charts.ACCURACY);
            assertThat(raised.getFirst().evidence()).contains("gap 25 points");
        }

        @Test
        void aGapAtChanceLevelIsLuckNotOverfitting() {
            RunDiagnosis diagnosis = new RunDiagnosis(big, Task.BINARY, 2);
            assertThat(feed(diagnosis, 10, e -> epoch(e, 0.8 - 0.001 * e, 0.9, 0.63, 0.37, uniformLayers(3, 0.1, 1e-3))))
                    .extracting(Finding::kind).doesNotContain(FindingKind.OVERFITTING);
        }

        @Test
        void noTestSetNoOverfittingFinding() {
            RunDiagnosis diagnosis = new RunDiagnosis(big, Task.BINARY, 2);
            assertThat(feed(diagnosis, 30, e -> epoch(e, 0.6 / e, null, uniformLayers(3, 0.1, 1e-3)))).isEmpty();
        }
    }

    @Nested
    class NotLearning {

        @Test
        void dropoutOneIsNamedAsTheCause() {
            RunDiagnosis diagnosis = new RunDiagnosis(config("dataset=circle&layers=8,8&activation=relu&init=he&dropout=1"), Task.BINARY, 2);
            List<LayerReport> layers = List.of(reluLayer(1, 0, 0, 0), reluLayer(2, 0, 0, 0), layer(3, 0, 0));
            List<Finding> raised = feed(diagnosis, 10, e -> epoch(e, 0.737, 0.74, 0.55, 0.52, layers));
            assertThat(raised).extracting(Finding::kind).containsExactly(FindingKind.NOT_LEARNING);
            Finding finding = raised.getFirst();
            assertThat(finding.epoch()).isEqualTo(Thresholds.PERSISTENCE_EPOCHS);
            assertThat(finding.message()).contains("Dropout is set to 1.0");
            assertThat(finding.evidence()).contains("chance level 0.693");
            assertThat(finding.remedies()).extracting(Remedy::label).containsExactly("Lower dropout to 0.2");
            assertThat(finding.remedies().getFirst().config().network().dropout()).isEqualTo(0.2);
        }

        @Test
        void zeroInitIsNamedAsTheCause() {
            RunDiagnosis diagnosis = new RunDiagnosis(config("layers=8,8&activation=tanh&init=zeros"), Task.BINARY, 2);
            List<Finding> raised = feed(diagnosis, 10, e -> epoch(e, 0.6931, 0.6932, uniformLayers(2, 0, 0)));
            assertThat(raised).extracting(Finding::kind).containsExactly(FindingKind.NOT_LEARNING);
            assertThat(raised.getFirst().message()).contains("starts at zero");
            assertThat(raised.getFirst().remedies()).extracting(Remedy::label).containsExactly("Use Xavier init");
        }

        @Test
        void aFarTooLowLearningRateIsNamedAndTheRateRuleAgrees() {
            RunDiagnosis diagnosis = new RunDiagnosis(config("layers=8,8&activation=tanh&lr=0.00001"), Task.BINARY, 2);
            List<Finding> raised = feed(diagnosis, 15, e -> epoch(e, 0.697, 0.697, uniformLayers(2, 0.1, 2.6e-6)));
            assertThat(raised).extracting(Finding::kind)
                    .containsExactly(FindingKind.NOT_LEARNING, FindingKind.LEARNING_RATE_TOO_LOW);
            assertThat(raised.get(0).message()).contains("far too low");
            assertThat(raised.get(0).remedies()).extracting(Remedy::label).containsExactly("Raise the learning rate to 0.03");
            // 1e-3 / 2.6e-6 ≈ 385 → ×1000 (nearest power of ten on a log scale), plus the cautious ×10
            assertThat(raised.get(1).remedies()).extracting(Remedy::label)
                    .containsExactly("Raise the learning rate to 0.01", "Raise the learning rate to 0.0001");
            assertThat(raised.get(1).chart()).isEqualTo(Charts.UPDATE_RATIO);
        }

        @Test
        void multiclassChanceLevelIsLnK() {
            RunDiagnosis diagnosis = new RunDiagnosis(config("dataset=digits&layers=8&dropout=1"), Task.MULTICLASS, 10);
            List<Finding> stuckBelow = feed(diagnosis, 10, e -> epoch(e, 1.5, 1.5, uniformLayers(1, 0, 0)));
            assertThat(stuckBelow).isEmpty(); // ln 10 ≈ 2.30: a flat 1.5 is not chance level
            RunDiagnosis atChance = new RunDiagnosis(config("dataset=digits&layers=8&dropout=1"), Task.MULTICLASS, 10);
            assertThat(feed(atChance, 10, e -> epoch(e, 2.31, 2.31, uniformLayers(1, 0, 0))))
                    .extracting(Finding::kind).containsExactly(FindingKind.NOT_LEARNING);
        }

        @Test
        void regressionUsesTheTargetVarianceWhenKnown() {
            RunConfig plane = config("dataset=plane&layers=8,8&activation=tanh");
            RunDiagnosis unknownVariance = new RunDiagnosis(plane, Task.REGRESSION, 1);
            assertThat(feed(unknownVariance, 40, e -> epoch(e, 0.33, 0.33, uniformLayers(2, 0.1, 1e-3)))).isEmpty();
            RunDiagnosis knownVariance = new RunDiagnosis(plane, Task.REGRESSION, 1, 0.33);
            List<Finding> raised = feed(knownVariance, 40, e -> epoch(e, 0.33, 0.33, uniformLayers(2, 0.1, 1e-3)));
            assertThat(raised).extracting(Finding::kind).containsExactly(FindingKind.NOT_LEARNING);
            assertThat(raised.getFirst().epoch()).isEqualTo(30); // no known cause: the long window
            assertThat(raised.getFirst().evidence()).contains("variance of the targets");
        }

        @Test
        void defersToAFindingThatAlreadyNamesTheCause() {
            RunConfig deepSigmoid = config("dataset=circle&layers=8,8,8,8,8,8,8,8,8,8&activation=sigmoid");
            RunDiagnosis diagnosis = new RunDiagnosis(deepSigmoid, Task.BINARY, 2);
            List<LayerReport> layers = new ArrayList<>(uniformLayers(10, 0.1, 1e-3));
            layers.set(0, layer(1, 1e-8, 1e-9));
            List<Finding> raised = feed(diagnosis, 60, e -> epoch(e, 0.6931, 0.6931, layers));
            assertThat(raised).extracting(Finding::kind).containsExactly(FindingKind.VANISHING_GRADIENTS);
        }
    }

    @Nested
    class LearningRate {

        @Test
        void largeUpdateRatiosWithoutProgressMeanTooHigh() {
            RunDiagnosis diagnosis = new RunDiagnosis(config("layers=8,8&activation=tanh&lr=3"), Task.BINARY, 2);
            List<Finding> raised = feed(diagnosis, 12, e -> epoch(e, 0.5 + 0.05 * (e % 2), 0.55, uniformLayers(2, 0.5, 0.3)));
            assertThat(raised).extracting(Finding::kind).containsExactly(FindingKind.LEARNING_RATE_TOO_HIGH);
            assertThat(raised.getFirst().evidence()).contains("median update:weight ratio 0.3");
            assertThat(raised.getFirst().remedies()).extracting(Remedy::label).containsExactly("Lower the learning rate to 0.3");
        }

        @Test
        void largeUpdateRatiosWhileTheLossFallsAreTolerated() {
            RunDiagnosis diagnosis = new RunDiagnosis(config("layers=8,8&activation=tanh&lr=3"), Task.BINARY, 2);
            assertThat(feed(diagnosis, 30, e -> epoch(e, healthyLoss(e), healthyLoss(e), uniformLayers(2, 0.5, 0.3)))).isEmpty();
        }

        @Test
        void tinyUpdatesAfterConvergenceAreNotTooLow() {
            // Converged: the loss is far below its first value, so small steps are expected.
            RunDiagnosis diagnosis = new RunDiagnosis(TANH_4X8, Task.BINARY, 2);
            assertThat(feed(diagnosis, 40, e -> epoch(e, e < 5 ? 0.6 : 0.01, 0.02, uniformLayers(4, 1e-5, 1e-7)))).isEmpty();
        }
    }

    @Test
    void everyRemedyIsAFullValidConfigurationKeepingDataAndSeeds() {
        RunConfig broken = config("dataset=circle&samples=60&noise=0.3&dataSeed=7&seed=9&layers=64,64,64&activation=relu&init=he");
        RunDiagnosis diagnosis = new RunDiagnosis(broken, Task.BINARY, 2);
        feed(diagnosis, 30, e -> epoch(e, 0.6 / e, e <= 10 ? 0.6 - 0.02 * e : 0.4 + 0.03 * (e - 10), uniformLayers(3, 0.1, 1e-3)));
        assertThat(diagnosis.findings()).isNotEmpty();
        for (Finding finding : diagnosis.findings()) {
            for (Remedy remedy : finding.remedies()) {
                RunConfig fixed = remedy.config();
                assertThat(fixed).as(remedy.label()).isEqualTo(fixed.withDefaults());
                assertThat(Runs.VALIDATOR.validate(fixed)).as(remedy.label()).isEmpty();
                assertThat(fixed.dataset().seed()).isEqualTo(7L);
                assertThat(fixed.training().seed()).isEqualTo(9L);
                assertThat(fixed).isNotEqualTo(broken);
                assertThat(remedy.label().length()).isLessThanOrEqualTo(40);
            }
        }
    }
}
