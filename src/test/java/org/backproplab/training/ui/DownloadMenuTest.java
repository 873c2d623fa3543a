package org.backproplab.training.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.contextmenu.MenuItem;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.server.VaadinSession;
import java.util.List;
import org.backproplab.api.CurlCommand;
import org.backproplab.config.RunConfig;
import org.backproplab.training.RunOwner;
import org.backproplab.training.TrainingLimits;
import org.backproplab.training.TrainingRun;
import org.backproplab.training.TrainingService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The download menu links the run's exports and hands out the API call that reproduces the experiment. */
class DownloadMenuTest {

    private TrainingService service;
    private DownloadMenu menu;

    @BeforeEach
    void setUp() {
        MockVaadin.setup();
        service = new TrainingService(TrainingLimits.defaults());
        menu = new DownloadMenu();
        UI.getCurrent().add(menu);
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
        service.close();
    }

    @Test
    void withoutARunTheFileItemsAreDisabledAndLinkNowhere() {
        List<MenuItem> items = menu.menuBar().getItems().getFirst().getSubMenu().getItems();
        assertThat(items).hasSize(4);
        assertThat(items.subList(0, 3)).noneMatch(MenuItem::isEnabled);
        assertThat(menu.modelJsonLink().getHref()).isEmpty();
        assertThat(menu.copyApiCallItem().isEnabled()).isFalse();
        assertThat(menu.apiCall()).isNull();
    }

    @Test
    void linksPointAtTheRunsExportEndpoints() {
        TrainingRun run = service.start(RunConfig.defaults(),
                new RunOwner.Session(LabSessions.runs(VaadinSession.getCurrent(), service)), true);

        menu.showRun(run, null);

        assertThat(menu.modelJsonLink().getHref()).isEqualTo("api/runs/" + run.id() + "/model");
        assertThat(menu.tfjsLink().getHref()).isEqualTo("api/runs/" + run.id() + "/model.tfjs.zip");
        assertThat(menu.epochsCsvLink().getHref()).isEqualTo("api/runs/" + run.id() + "/epochs.csv");
        for (Anchor link : List.of(menu.modelJsonLink(), menu.tfjsLink(), menu.epochsCsvLink())) {
            assertThat(link.getElement().getAttribute("download")).startsWith("backprop-lab-" + run.id());
            assertThat(link.isRouterIgnore()).isTrue();
        }
        assertThat(menu.menuBar().getItems().getFirst().getSubMenu().getItems()).allMatch(MenuItem::isEnabled);
        assertThat(menu.modelJsonLink().getText()).isEqualTo("Model (JSON)");
    }

    @Test
    void copyApiCallShowsTheCurlCommandOfTheExperiment() {
        RunConfig experiment = RunConfig.defaults().withTraining(RunConfig.defaults().training().withLearningRate(0.3));
        menu.showRun(null, experiment);

        menu.copyApiCall();
        MockVaadin.clientRoundtrip(false);

        String command = menu.apiCall();
        assertThat(command).startsWith("curl ").contains("/api/runs?wait=true").contains("\"learningRate\":0.3");
        assertThat(command).isEqualTo(CurlCommand.of(experiment, command.substring(command.indexOf("'") + 1,
                command.indexOf("/api/runs"))));
        Dialog dialog = UI.getCurrent().getChildren().filter(Dialog.class::isInstance).map(Dialog.class::cast)
                .findFirst().orElseThrow();
        assertThat(dialog.isOpened()).isTrue();
        TextArea text = dialog.getChildren().filter(TextArea.class::isInstance).map(TextArea.class::cast)
                .findFirst().orElseThrow();
        assertThat(text.getValue()).isEqualTo(command);
        assertThat(text.isReadOnly()).isTrue();
    }
}
