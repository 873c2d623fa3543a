package org.backproplab.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.file.Path;
import java.util.List;
import org.backproplab.training.TrainingService;
import org.backproplab.walkthroughs.Preset;
import org.backproplab.walkthroughs.PresetCatalog;
import org.backproplab.walkthroughs.WalkthroughLibrary;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** What a run can be made of: the datasets, and the named configurations (presets) of the walkthroughs. */
@RestController
@RequestMapping(path = "/api", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Catalogue", description = "Datasets and preset configurations")
public class CatalogController {

    private final TrainingService service;
    private final ObjectProvider<PresetCatalog> presetCatalogBean;
    private final ObjectProvider<WalkthroughLibrary> libraryBean;
    private final String extraWalkthroughs;
    private PresetCatalog presets;

    /**
     * Uses the application's preset catalogue or walkthrough library where one is a bean, so the presets are the
     * lab's own (including a self-hosted server's extra walkthroughs); otherwise loads the library itself.
     */
    public CatalogController(TrainingService service, ObjectProvider<PresetCatalog> presetCatalogBean,
            ObjectProvider<WalkthroughLibrary> libraryBean,
            @Value("${backprop.walkthroughs.extra-folder:}") String extraWalkthroughs) {
        this.service = service;
        this.presetCatalogBean = presetCatalogBean;
        this.libraryBean = libraryBean;
        this.extraWalkthroughs = extraWalkthroughs;
    }

    @GetMapping("/datasets")
    @Operation(summary = "The datasets, with their task, dimensions and sizes",
            description = "Use `name` as `dataset.name`; `inline` (data in the request) is always available too.")
    public List<DatasetJson> datasets() {
        return service.datasets().all().stream().map(DatasetJson::of).toList();
    }

    @GetMapping("/presets")
    @Operation(summary = "Named configurations: showcase runs and the preset of every walkthrough step",
            description = "Each `config` is complete (defaults filled in) and can be posted to /api/runs as it is.")
    @ApiResponse(responseCode = "200", content = @Content(array = @ArraySchema(schema = @Schema(implementation = Preset.class)),
            examples = @ExampleObject(value = """
                    [{"id": "vanishing-gradients-1", "title": "Vanishing gradients: a deep sigmoid network",
                      "config": {"dataset": {"name": "circle"}, "network": {"hiddenLayers": [8, 8, 8, 8, 8, 8],
                      "activation": "sigmoid"}, "training": {"learningRate": 0.03}}}]""")))
    public List<Preset> presets() {
        return presetCatalog().all();
    }

    private synchronized PresetCatalog presetCatalog() {
        if (presets == null) {
            presets = presetCatalogBean.getIfAvailable(() -> new PresetCatalog(
                    libraryBean.getIfAvailable(() -> new WalkthroughLibrary(service.validator(),
                            extraWalkthroughs.isBlank() ? null : Path.of(extraWalkthroughs))),
                    service.validator()));
        }
        return presets;
    }
}
