package org.backproplab.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.backproplab.config.FieldError;
import org.backproplab.config.RunConfig;
import org.backproplab.training.RunOwner;
import org.backproplab.training.RunState;
import org.backproplab.training.TrainingRun;
import org.backproplab.training.TrainingService;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The runs of the HTTP API: create (optionally waiting for the end), read, follow as Server-Sent Events, steer,
 * and take the model away. API runs belong to no browser session; the training service keeps them for
 * {@code backprop.limits.api-retention} after they end and counts them against the same limits as the lab's runs.
 */
@RestController
@RequestMapping(path = "/api/runs", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Runs", description = "Create, follow, steer and export training runs")
public class RunsController {

    static final String CONFIG_EXAMPLE = """
            {
              "dataset": {"name": "circle", "samples": 300, "noise": 0.1},
              "network": {"hiddenLayers": [6, 6], "activation": "relu"},
              "training": {"optimizer": "adam", "learningRate": 0.01, "batchSize": 16, "epochs": 50}
            }""";

    static final String INLINE_EXAMPLE = """
            {
              "dataset": {"name": "inline", "task": "binary",
                          "train": {"x": [[0, 0], [0, 1], [1, 0], [1, 1]], "y": [0, 1, 1, 0]}},
              "network": {"hiddenLayers": [4], "activation": "tanh"},
              "training": {"learningRate": 0.3, "batchSize": 4, "epochs": 200}
            }""";

    private static final String RUN_ID_DESCRIPTION = "The run's id, from the Location header of POST /api/runs";

    private final TrainingService service;
    private final StrictJson json;
    private final ApiProperties properties;

    public RunsController(TrainingService service, StrictJson json, ApiProperties properties) {
        this.service = service;
        this.json = json;
        this.properties = properties;
    }

    @PostMapping
    @Operation(summary = "Start a run",
            description = """
                    Starts training the configuration in the body (every field optional; `{}` is the default \
                    spiral experiment). Answers `201` with the run and its `Location`. With `?wait=true` the answer \
                    comes when the run has ended; if it has not ended within the server's wait timeout \
                    (`backprop.limits.wait-timeout`, 60 s by default), the answer is `202 Accepted` with the run so \
                    far and its `Location` (the run goes on; follow it there). Unknown fields, wrong types and \
                    values out of range are `400` naming each field; a full server is `429` with `Retry-After`.""",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = RunConfig.class),
                            examples = {
                                    @ExampleObject(name = "defaults", summary = "The default spiral experiment",
                                            value = "{}"),
                                    @ExampleObject(name = "circle", summary = "A small ReLU network on the circle",
                                            value = CONFIG_EXAMPLE),
                                    @ExampleObject(name = "inline", summary = "XOR from inline data",
                                            value = INLINE_EXAMPLE)})))
    @ApiResponse(responseCode = "201", description = "Run started (or, with wait=true, ended)",
            headers = @Header(name = HttpHeaders.LOCATION, description = "/api/runs/{id}"),
            content = @Content(schema = @Schema(implementation = RunJson.class)))
    @ApiResponse(responseCode = "202", description = "wait=true and the run has not ended within the wait timeout",
            content = @Content(schema = @Schema(implementation = RunJson.class)))
    @ApiResponse(responseCode = "400", description = "Malformed JSON or invalid configuration; `errors` names each field",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class),
                    examples = @ExampleObject(value = """
                            {"type": "about:blank", "title": "Bad Request", "status": 400,
                             "detail": "invalid run configuration: training.learningRate: must be > 0 and <= 10, was 50",
                             "instance": "/api/runs",
                             "errors": [{"field": "training.learningRate", "message": "must be > 0 and <= 10, was 50"}]}""")))
    @ApiResponse(responseCode = "429", description = "The server is training as many runs as it allows",
            headers = @Header(name = HttpHeaders.RETRY_AFTER, description = "Seconds until a slot is likely free"),
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    public DeferredResult<ResponseEntity<RunJson>> create(
            @RequestBody(required = false) byte[] body,
            @Parameter(description = "Answer only when the run has ended (bounded by the server's wait timeout)")
            @RequestParam(name = "wait", defaultValue = "false") boolean wait,
            HttpServletRequest request) {
        requireJson(request);
        RunConfig config = json.read(body, RunConfig.class, "a run configuration");
        List<FieldError> edgeErrors = WeightsCheck.check(config);
        if (!edgeErrors.isEmpty()) {
            throw new BadRequestException(edgeErrors);
        }
        TrainingRun run = service.start(config, new RunOwner.Api(), false);
        URI location = URI.create(request.getContextPath() + "/api/runs/" + run.id());
        if (!wait) {
            DeferredResult<ResponseEntity<RunJson>> now = new DeferredResult<>();
            now.setResult(ResponseEntity.created(location).body(RunJson.of(run)));
            return now;
        }
        long timeout = service.limits().waitTimeout().toMillis();
        DeferredResult<ResponseEntity<RunJson>> result = new DeferredResult<>(timeout,
                () -> ResponseEntity.accepted().location(location).body(RunJson.of(run)));
        run.completion().whenComplete((ended, failure) ->
                result.setResult(ResponseEntity.created(location).body(RunJson.of(run))));
        return result;
    }

    @GetMapping("/{id}")
    @Operation(summary = "A run with all its epoch reports and findings so far")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = RunJson.class)))
    @ApiResponse(responseCode = "404", description = "Unknown id, or discarded after the retention time",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    public RunJson get(@Parameter(description = RUN_ID_DESCRIPTION) @PathVariable String id) {
        return RunJson.of(find(id));
    }

    @GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Follow a run as Server-Sent Events",
            description = """
                    First the run's current state (`state` event), every epoch report so far (`epoch` events, \
                    id = epoch number) and finding (`finding` events), then the same live. Each event's data is \
                    JSON: an epoch report, a finding, or `{"id", "state", "epoch"}`. The stream ends after the \
                    `state` event of the run's final state (COMPLETED, DIVERGED or STOPPED); for a run that has \
                    already ended, that state event comes after the history. Reconnecting replays from the start.""")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
            examples = @ExampleObject(value = """
                    event:state
                    data:{"id":"3q9Vt0kM2Q6xWc1eYb8n4A","state":"RUNNING","epoch":0}

                    event:epoch
                    id:1
                    data:{"epoch":1,"trainLoss":0.69,"testLoss":0.70,"trainAccuracy":0.52,"testAccuracy":0.5,"layers":[...],"nonFinite":null}
                    """)))
    public SseEmitter events(@Parameter(description = RUN_ID_DESCRIPTION) @PathVariable String id) {
        TrainingRun run = find(id);
        return RunEventStream.open(run, properties.streamTimeout().toMillis(), properties.streamBacklog());
    }

    @PostMapping("/{id}/pause")
    @Operation(summary = "Pause a run (it keeps its place; resume continues where it stopped)")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = RunJson.class)))
    @ApiResponse(responseCode = "409", description = "The run has already ended",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    public RunJson pause(@Parameter(description = RUN_ID_DESCRIPTION) @PathVariable String id) {
        TrainingRun run = find(id);
        requireNotEnded(run, "pause");
        run.pause();
        return RunJson.of(run);
    }

    @PostMapping("/{id}/resume")
    @Operation(summary = "Resume a paused run")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = RunJson.class)))
    @ApiResponse(responseCode = "409", description = "The run has already ended",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    public RunJson resume(@Parameter(description = RUN_ID_DESCRIPTION) @PathVariable String id) {
        TrainingRun run = find(id);
        requireNotEnded(run, "resume");
        run.resume();
        return RunJson.of(run);
    }

    @PostMapping("/{id}/stop")
    @Operation(summary = "Stop a run for good (state STOPPED; its model stays readable). Stopping an ended run changes nothing")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = RunJson.class)))
    public RunJson stop(@Parameter(description = RUN_ID_DESCRIPTION) @PathVariable String id) {
        TrainingRun run = find(id);
        run.stop();
        return RunJson.of(run);
    }

    @GetMapping("/{id}/model")
    @Operation(summary = "The run's current weights, in the layout of network.weights",
            description = """
                    One entry per dense layer, output layer last, Keras layout (`kernel[inputs][units]`, \
                    `bias[units]`); with batch norm the hidden layers also carry `gamma`, `beta`, `movingMean` and \
                    `movingVariance`. Post a configuration with these as `network.weights` (same layers) to start \
                    training from this model.""")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ModelJson.class),
            examples = @ExampleObject(value = """
                    {"weights": [{"kernel": [[0.4, -1.2], [0.9, 0.3]], "bias": [0.1, 0.0]},
                                 {"kernel": [[1.5], [-0.7]], "bias": [0.2]}]}""")))
    public ModelJson model(@Parameter(description = RUN_ID_DESCRIPTION) @PathVariable String id) {
        return new ModelJson(find(id).model());
    }

    @PostMapping("/{id}/predict")
    @Operation(summary = "Predict with the run's current network",
            description = """
                    `x` holds rows of network inputs: one value per input of the run's network, in the order of \
                    its features (for the 2-D sets the chosen features such as x1, x2, x1^2; for the shipped \
                    tabular sets the standardized columns; inline data as given). Answers one row per input row: \
                    the probability of class 1 (binary), the K class probabilities (multiclass) or the value \
                    (regression).""",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = PredictRequest.class),
                            examples = @ExampleObject(value = "{\"x\": [[0.5, -1.2], [2.0, 0.3]]}"))))
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = PredictResponse.class)))
    @ApiResponse(responseCode = "400", description = "Rows of the wrong width, non-finite values, too many rows",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    public PredictResponse predict(@Parameter(description = RUN_ID_DESCRIPTION) @PathVariable String id,
            @RequestBody(required = false) byte[] body, HttpServletRequest request) {
        TrainingRun run = find(id);
        requireJson(request);
        PredictRequest input = json.read(body, PredictRequest.class, "{\"x\": [[...], ...]}");
        List<String> features = run.data().featureNames();
        checkRows(input.x(), features, properties.maxPredictRows());
        return new PredictResponse(run.predict(input.x()));
    }

    @GetMapping(path = "/{id}/model.tfjs.zip", produces = "application/zip")
    @Operation(summary = "The run's network as a TensorFlow.js LayersModel (zip of model.json and its weight file)",
            description = """
                    Unzip and load with `tf.loadLayersModel('…/model.json')`; it predicts what /predict predicts \
                    (float32). Hidden layers are Dense layers (with BatchNormalization and an Activation layer \
                    after a linear Dense when batch norm is on; LeakyReLU as its own layer); the output is \
                    Dense(1, sigmoid), Dense(K, softmax) or Dense(1, linear). Dropout is left out (inference).""")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/zip"))
    public ResponseEntity<byte[]> tfjs(@Parameter(description = RUN_ID_DESCRIPTION) @PathVariable String id) {
        TrainingRun run = find(id);
        RunConfig config = run.config().withDefaults();
        TfjsModelExport.Network network = new TfjsModelExport.Network(config.network().activationPerLayer(),
                Boolean.TRUE.equals(config.network().batchNorm()), run.data().task(), run.model());
        return download(TfjsModelExport.zip(network), "application/zip", "backprop-lab-" + id + "-tfjs.zip");
    }

    @GetMapping(path = "/{id}/epochs.csv", produces = "text/csv")
    @Operation(summary = "The run's epoch reports as CSV",
            description = """
                    One row per epoch. Columns: epoch, trainLoss, testLoss, trainAccuracy, testAccuracy, then for \
                    each layer N (hidden layers from the input side, output layer last) layerN.gradientNorm, \
                    layerN.weightNorm, layerN.updateRatio, layerN.activationMean, layerN.activationStd, \
                    layerN.deadFraction, layerN.saturatedFraction, and finally nonFinite. Empty cell = null.""")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "text/csv", examples = @ExampleObject(value = """
            epoch,trainLoss,testLoss,trainAccuracy,testAccuracy,layer1.gradientNorm,...,nonFinite
            1,0.6931,0.6950,0.52,0.5,0.012,...,
            """)))
    public ResponseEntity<byte[]> epochsCsv(@Parameter(description = RUN_ID_DESCRIPTION) @PathVariable String id) {
        TrainingRun run = find(id);
        byte[] csv = EpochsCsv.of(run.epochs()).getBytes(StandardCharsets.UTF_8);
        return download(csv, "text/csv;charset=UTF-8", "backprop-lab-" + id + "-epochs.csv");
    }

    private TrainingRun find(String id) {
        return service.find(id).orElseThrow(() -> new RunNotFoundException(id));
    }

    private static void requireNotEnded(TrainingRun run, String action) {
        RunState state = run.state();
        if (state.isFinal()) {
            throw new RunStateConflictException("cannot " + action + " run " + run.id() + ": it has ended ("
                    + state + ")");
        }
    }

    /** JSON, or no declared type at all; a form post (curl -d without -H) would otherwise be mangled silently. */
    private static void requireJson(HttpServletRequest request) {
        String contentType = request.getContentType();
        if (contentType == null) {
            return;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            if (type.isCompatibleWith(MediaType.APPLICATION_JSON)
                    || ("application".equals(type.getType()) && type.getSubtype().endsWith("+json"))) {
                return;
            }
        } catch (org.springframework.util.InvalidMimeTypeException invalid) {
            // Falls through to the rejection below.
        }
        throw new UnsupportedBodyException(contentType);
    }

    /** Predict input: present, not too many rows, each as wide as the network's input, all finite. */
    static void checkRows(double[][] x, List<String> features, int maxRows) {
        List<FieldError> errors = new ArrayList<>();
        if (x == null) {
            throw new BadRequestException(List.of(new FieldError("x", "is required: rows of " + features.size()
                    + " numbers (" + String.join(", ", features) + ")")));
        }
        if (x.length > maxRows) {
            throw new BadRequestException(List.of(new FieldError("x", "at most " + maxRows + " rows per call, was "
                    + x.length)));
        }
        for (int r = 0; r < x.length && errors.size() < 20; r++) {
            String row = "x[" + r + "]";
            if (x[r] == null) {
                errors.add(new FieldError(row, "is missing; expected " + features.size() + " numbers"));
            } else if (x[r].length != features.size()) {
                errors.add(new FieldError(row, "has " + x[r].length + " values; the network has " + features.size()
                        + " inputs (" + String.join(", ", features) + ")"));
            } else {
                for (int c = 0; c < x[r].length; c++) {
                    if (!Double.isFinite(x[r][c])) {
                        errors.add(new FieldError(row + "[" + c + "]", "must be a finite number, was " + x[r][c]));
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new BadRequestException(errors);
        }
    }

    private static ResponseEntity<byte[]> download(byte[] content, String contentType, String fileName) {
        return ResponseEntity.status(HttpStatus.OK)
                .header(HttpHeaders.CONTENT_TYPE, contentType)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(fileName).build().toString())
                .body(content);
    }
}
