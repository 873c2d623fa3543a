package org.backproplab.walkthroughs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.backproplab.config.RunConfigUrl;
import org.junit.jupiter.api.Test;

class EmbedOptionsTest {

    @Test
    void hideParametersHideTheirControls() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("dataset", "xor");
        params.put("dataset_hide", "true");
        params.put("noise_hide", "1");
        params.put("lr_hide", "false");
        params.put("upload_hide", "");
        EmbedOptions options = EmbedOptions.parse(params);
        assertThat(options.hidden()).containsExactlyInAnyOrder("dataset", "noise", "upload");
        assertThat(options.isHidden("dataset")).isTrue();
        assertThat(options.isHidden("lr")).isFalse();
        assertThat(options.isEmbedded()).isTrue();
        assertThat(options.unknown()).isEmpty();
    }

    @Test
    void unknownControlsAreReportedNotHidden() {
        EmbedOptions options = EmbedOptions.parse(Map.of("colour_hide", "true"));
        assertThat(options.hidden()).isEmpty();
        assertThat(options.unknown()).containsExactly("colour_hide");
        assertThat(options.isEmbedded()).isFalse();
    }

    @Test
    void noParametersMeansTheFullLab() {
        assertThat(EmbedOptions.parse(Map.of())).isEqualTo(EmbedOptions.none());
        assertThat(EmbedOptions.parse(null).isEmbedded()).isFalse();
    }

    @Test
    void everyConfigurationControlCanBeHidden() {
        assertThat(EmbedOptions.CONTROLS).containsKeys("dataset", "noise", "features", "layers", "activation", "init",
                "batchNorm", "dropout", "optimizer", "lr", "batch", "regularization", "clipNorm", "epochs", "seed", "upload");
        assertThat(EmbedOptions.CONTROLS.values()).allMatch(description -> !description.isBlank());
        // the control names reuse the lab's URL parameter names where one exists
        assertThat(RunConfigUrl.PARAMETERS).contains("dataset", "noise", "layers", "activation", "init", "batchNorm",
                "dropout", "optimizer", "lr", "batch", "clipNorm", "epochs", "seed");
    }
}
