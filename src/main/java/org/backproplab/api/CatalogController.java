package org.backproplab.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.backproplab.training.TrainingService;
import org.backproplab.walkthroughs.Preset;
import org.backproplab.walkthroughs.PresetCatalog;
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
    private final PresetCatalog presets;

    /** The presets are the lab's own: the walkthroughs' (including a self-hosted server's extra ones). */
    public CatalogController(TrainingService service, PresetCatalog presets) {
        this.service = service;
        this.presets = presets;
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
        return presets.all();
    }
}
