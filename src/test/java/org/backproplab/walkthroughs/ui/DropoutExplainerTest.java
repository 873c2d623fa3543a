package org.backproplab.walkthroughs.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Paragraph;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.backproplab.datasets.DatasetCatalog;
import org.backproplab.datasets.PreparedDataset;
import org.backproplab.engine.DropoutStep;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dropout explainer draws the engine's real mask and compares rates 0.0, 0.5 and 1.0. */
class DropoutExplainerTest {

    private final DatasetCatalog catalog = new DatasetCatalog();
    private DropoutExplainer explainer;

    @BeforeEach
    void setUp() {
        MockVaadin.setup();
        explainer = new DropoutExplainer(null, catalog);
        UI.getCurrent().add(explainer);
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
    }

    @Test
    void crossedOutUnitsAreExactlyTheDroppedOnesOfTheEnginesMask() {
        for (int step = 0; step < 3; step++) {
            DropoutStep mask = explainer.shownStep();
            assertThat(mask.rate()).isEqualTo(0.5);
            assertThat(mask.examples()).isEqualTo(1);
            String svg = explainer.svgMarkup();
            int dropped = 0;
            for (int layer = 0; layer < mask.kept().size(); layer++) {
                boolean[] kept = mask.kept().get(layer);
                for (int unit = 0; unit < kept.length; unit++) {
                    assertThat(svg).contains("data-unit=\"" + (layer + 1) + ":" + unit + "\" data-dropped=\"" + !kept[unit] + "\"");
                    dropped += kept[unit] ? 0 : 1;
                }
            }
            assertThat(count(svg, "class=\"dropped-cross\"")).isEqualTo(dropped);
            assertThat(dropped).isBetween(1, 15);
            explainer.takeStep();
        }
        assertThat(explainer.maskSummaryText()).startsWith("Step 4,");
    }

    @Test
    void masksChangeFromStepToStep() {
        String first = explainer.svgMarkup();
        boolean changed = false;
        for (int i = 0; i < 5 && !changed; i++) {
            explainer.takeStep();
            changed = !explainer.svgMarkup().equals(first);
        }
        assertThat(changed).isTrue();
    }

    @Test
    void showsTheInvertedScalingAndThatInferenceUsesEveryUnit() {
        String scale = explainer.getChildren().filter(c -> c.getId().orElse("").equals("dropout-scale"))
                .map(c -> ((Paragraph) c).getText()).findFirst().orElseThrow();
        assertThat(scale).contains("1/(1 − 0.5) = 2,");
        assertThat(explainer.getElement().getTextRecursively()).contains("no unit is dropped and nothing is rescaled");
        assertThat(DropoutExplainer.scaleFor(0.2)).isEqualTo(1.25);
        assertThat(DropoutExplainer.scaleFor(1.0)).isZero();
    }

    @Test
    void rateOneLearnsNothingWhileRateZeroLearns() {
        var results = explainer.comparison();
        assertThat(results).extracting(DropoutExplainer.RateResult::rate).containsExactly(0.0, 0.5, 1.0);
        DropoutExplainer.RateResult none = results.get(0);
        DropoutExplainer.RateResult all = results.get(2);
        // Everything dropped: no gradient reaches a kernel, so the network predicts as its random start did.
        assertThat(all.testAccuracy()).isLessThanOrEqualTo(explainer.chanceAccuracy() + 0.05);
        assertThat(none.testAccuracy()).isGreaterThan(explainer.chanceAccuracy() + 0.2);
        assertThat(untrainedAccuracy()).isCloseTo(all.testAccuracy(), org.assertj.core.data.Offset.offset(0.1));
        String text = explainer.getElement().getTextRecursively();
        assertThat(text).contains("Dropout 0.0").contains("Dropout 0.5").contains("Dropout 1.0").contains("Learns nothing");
        System.out.printf("dropout comparison (circle, 40 epochs): %s; chance %.3f%n", results, explainer.chanceAccuracy());
    }

    /** Test accuracy of the preset's network as initialized, before any step. */
    private double untrainedAccuracy() {
        PreparedDataset data = ExplainerNetworks.data(DropoutExplainer.DEFAULT_PRESET, catalog);
        double[][] p = ExplainerNetworks.network(DropoutExplainer.DEFAULT_PRESET, data).predict(data.test().x());
        int right = 0;
        for (int i = 0; i < p.length; i++) {
            right += (p[i][0] >= 0.5 ? 1 : 0) == (int) data.test().y()[i] ? 1 : 0;
        }
        return right / (double) p.length;
    }

    private static int count(String text, String needle) {
        Matcher matcher = Pattern.compile(Pattern.quote(needle)).matcher(text);
        int n = 0;
        while (matcher.find()) {
            n++;
        }
        return n;
    }
}
