package org.backproplab.training.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.router.QueryParameters;
import java.util.List;
import org.backproplab.training.TrainingLimits;
import org.backproplab.training.TrainingService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Embed mode hides the controls an educator's link names, and nothing else. */
class EmbedModeTest {

    private TrainingService service;
    private LabControls controls;

    @BeforeEach
    void setUp() {
        MockVaadin.setup();
        service = new TrainingService(TrainingLimits.defaults());
        controls = new LabControls(List.copyOf(service.datasets().all()), service.validator());
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
        service.close();
    }

    @Test
    void hideParametersBecomeLabControlKeys() {
        EmbedMode mode = EmbedMode.of(QueryParameters.fromString(
                "dataset=xor&lr_hide=true&regularization_hide=1&activation_hide=&noise_hide=false&bogus_hide=true"));

        assertThat(mode.hidden()).containsExactlyInAnyOrder("lr", "l1", "l2", "activation");
        assertThat(mode.isEmbedded()).isTrue();
        assertThat(mode.unknownParameters()).containsExactly("bogus_hide");
        assertThat(EmbedMode.of(QueryParameters.fromString("dataset=xor")).isEmbedded()).isFalse();
    }

    @Test
    void applyingHidesExactlyThoseControlsAndTheNamedPanels() {
        EmbedMode mode = EmbedMode.of(QueryParameters.fromString("lr_hide=true&init_hide=true&findings_hide=true"));
        FindingsPanel findings = new FindingsPanel(null);
        DownloadMenu downloads = new DownloadMenu();

        mode.applyTo(controls, findings, downloads);

        assertThat(controls.field(LabControls.LEARNING_RATE).isVisible()).isFalse();
        assertThat(controls.field(LabControls.INIT).isVisible()).isFalse();
        assertThat(controls.field(LabControls.INIT_SCALE).isVisible()).isFalse();
        assertThat(controls.field(LabControls.ACTIVATION).isVisible()).isTrue();
        assertThat(controls.field(LabControls.DATASET).isVisible()).isTrue();
        assertThat(findings.isVisible()).isFalse();
        assertThat(downloads.isVisible()).isTrue();
    }
}
