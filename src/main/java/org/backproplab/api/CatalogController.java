package org.backproplab.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.backproplab.training.TrainingService;
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

    public CatalogController(TrainingService service) {
        this.service = service;
    }

    @GetMapping("/datasets")
    @Operation(summary = "The datasets, with their task, dimensions and sizes",
            description = "Use `name` as `dataset.name`; `inline` (data in the request) is always available too.")
    public List<DatasetJson> datasets() {
        return service.datasets().all().stream().map(DatasetJson::of).toList();
    }
}
