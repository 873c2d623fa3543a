package org.backproplab.walkthroughs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PresetCatalogTest {

    final WalkthroughLibrary library = new WalkthroughLibrary(WalkthroughParserTest.VALIDATOR, null);
    final PresetCatalog catalog = new PresetCatalog(library, WalkthroughParserTest.VALIDATOR);

    @Test
    void holdsTheShowcaseRunsAndEveryStepPreset() {
        List<String> ids = catalog.all().stream().map(Preset::id).toList();
        assertThat(ids).startsWith("spiral-tanh-4x8", "circle-relu");
        long stepPresets = library.all().stream().flatMap(w -> w.steps().stream()).filter(Step::hasPreset).count();
        assertThat(ids).hasSize(4 + (int) stepPresets).doesNotHaveDuplicates().contains("dead-relu-1", "dropout-4");
    }

    @Test
    void presetsCarryFullConfigurationsAndReadableTitles() {
        Preset spiral = catalog.find("spiral-tanh-4x8").orElseThrow();
        assertThat(spiral.config()).isEqualTo(spiral.config().withDefaults());
        assertThat(spiral.config().network().hiddenLayers()).containsExactly(8, 8, 8, 8);
        Preset dead = catalog.find("dead-relu-1").orElseThrow();
        assertThat(dead.title()).isEqualTo("Dead ReLU units: Break it: learning rate 1");
        assertThat(dead.config().training().learningRate()).isEqualTo(1.0);
        for (Preset preset : catalog.all()) {
            assertThat(WalkthroughParserTest.VALIDATOR.validate(preset.config())).as(preset.id()).isEmpty();
        }
        assertThat(catalog.find("nope")).isEmpty();
    }
}
