package org.backproplab.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunConfigUrlTest {

    private final RunConfigValidator validator = new RunConfigValidator(List.of("spiral", "circle", "xor"));

    @Test
    void theContractsExampleUrlParsesToTheDefaults() {
        String url = "?dataset=spiral&samples=500&noise=0.1&testFraction=0.5&features=x1,x2&dataSeed=1&layers=8,8,8,8"
                + "&activation=tanh&init=xavier&initScale=1&batchNorm=false&dropout=0&optimizer=sgd&lr=0.03&momentum=0.9"
                + "&batch=10&epochs=500&l1=0&l2=0&clipNorm=&seed=1";
        RunConfigUrl.Parsed parsed = RunConfigUrl.parse(url, validator);
        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.config()).isEqualTo(RunConfig.defaults());
    }

    @Test
    void roundTripKeepsEverySetting() {
        RunConfig config = new RunConfig(
                new DatasetConfig("xor", 300, 0.25, 0.3, List.of("x1", "x2", "x1x2", "x1^2"), 7L, null, null, null),
                new NetworkConfig(List.of(16, 4), "relu", List.of("relu", "tanh"), "normal", 2.5, true, 0.5, null),
                new TrainingConfig("adam", 0.001, 0.8, 32, 1200, 0.001, 0.01, 5.0, 42L)).withDefaults();
        String query = RunConfigUrl.toQuery(config);
        assertThat(query).contains("features=x1,x2,x1x2,x1^2").contains("layers=16,4").contains("lr=0.001");
        RunConfigUrl.Parsed parsed = RunConfigUrl.parse(query, validator);
        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.config()).isEqualTo(config);
    }

    @Test
    void badParametersAreNamedAndReplacedByTheirDefaults() {
        RunConfigUrl.Parsed parsed = RunConfigUrl.parse("dataset=nope&lr=abc&layers=8,999&batch=4&dropout=2&activation=relu", validator);
        assertThat(parsed.errors()).extracting(FieldError::field).containsExactlyInAnyOrder("dataset", "lr", "layers", "dropout");
        assertThat(parsed.config().dataset().name()).isEqualTo("spiral");
        assertThat(parsed.config().training().learningRate()).isEqualTo(0.03);
        assertThat(parsed.config().network().hiddenLayers()).containsExactly(8, 8, 8, 8);
        assertThat(parsed.config().network().dropout()).isZero();
        // the good ones stay
        assertThat(parsed.config().training().batchSize()).isEqualTo(4);
        assertThat(parsed.config().network().activation()).isEqualTo("relu");
        assertThat(validator.validate(parsed.config())).isEmpty();
    }

    @Test
    void emptyLayersMeansNoHiddenLayerAndNanIsRejected() {
        RunConfigUrl.Parsed parsed = RunConfigUrl.parse("layers=&lr=NaN", validator);
        assertThat(parsed.config().network().hiddenLayers()).isEmpty();
        assertThat(parsed.errors()).extracting(FieldError::field).containsExactly("lr");
        RunConfig noHidden = RunConfig.defaults().withNetwork(RunConfig.defaults().network().withHiddenLayers(java.util.List.of()));
        assertThat(RunConfigUrl.parse(RunConfigUrl.toQuery(noHidden), validator).config()).isEqualTo(noHidden.withDefaults());
        assertThat(RunConfigUrl.parse("layers=0", validator).errors()).extracting(FieldError::field).containsExactly("layers");
    }
}
