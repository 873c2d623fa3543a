package org.backproplab.training.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.badge.BadgeVariant;
import com.vaadin.flow.component.dependency.CssImport;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.page.ColorScheme;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.shared.Registration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.backproplab.config.DatasetConfig;
import org.backproplab.config.FieldError;
import org.backproplab.config.InvalidConfigException;
import org.backproplab.config.RunConfig;
import org.backproplab.config.RunConfigUrl;
import org.backproplab.config.RunConfigValidator;
import org.backproplab.config.TrainingConfig;
import org.backproplab.datasets.DatasetInfo;
import org.backproplab.datasets.PreparedDataset;
import org.backproplab.engine.Activation;
import org.backproplab.engine.EpochReport;
import org.backproplab.engine.NonFinite;
import org.backproplab.engine.Task;
import org.backproplab.training.CapacityException;
import org.backproplab.training.Pace;
import org.backproplab.training.RunOwner;
import org.backproplab.training.RunState;
import org.backproplab.training.SessionRuns;
import org.backproplab.training.TrainingRun;
import org.backproplab.training.TrainingService;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * The lab: settings on the left, live charts, decision boundary and network diagram in the middle, run controls on
 * top. The settings live in the URL (read on entry, rewritten on every change), the run lives in the session
 * ({@link SessionRuns#current()}), and epochs arrive over server push through a {@link RunFeed}.
 */
@Route("")
@PageTitle("Backprop Lab")
@CssImport("./lab-view.css")
public class LabView extends Div implements BeforeEnterObserver {

    private static final String COLOR_SCHEME_ATTRIBUTE = "backproplab.colorScheme";
    /** The state badge while the server is full; the run starts by itself when a slot frees. */
    static final String QUEUED_TEXT = "Queued: the server is busy, starts when a slot frees";

    private final TrainingService service;
    private final ScheduledExecutorService scheduler;
    private final RunConfigValidator validator;
    private final List<DatasetInfo> datasets;

    private final LabLayout layout = new LabLayout();
    private final LabHeader header = new LabHeader();
    private final LabControls controls;
    private final LabCharts charts = new LabCharts();
    private final LabVisuals visuals;
    private final RefreshBudget pushBudget;
    private final List<Consumer<FeedBatch>> batchListeners = new CopyOnWriteArrayList<>();
    private final ComparisonRuns comparison;
    private final FindingsPanel findings;
    private final DownloadMenu downloads = new DownloadMenu();
    private EmbedMode embed;
    private boolean autoplay;

    private UI ui;
    private SessionRuns sessionRuns;
    private TrainingRun run;
    private RunFeed feed;
    private EpochReport lastEpoch;
    private DatasetConfig previewedDataset;
    private PreparedDataset previewData;

    /** From the URL at entry. */
    private RunConfig enteredConfig = RunConfig.defaults();
    private List<FieldError> urlErrors = List.of();
    private boolean enteredWithSettings;
    private boolean enteredWithInline;
    /** The speed the URL asked for, if it named one. */
    private Optional<LabSpeed> enteredSpeed = Optional.empty();
    private String lastQuery;

    public LabView(TrainingService service, @Qualifier(LabPushConfiguration.PUSH_SCHEDULER) ScheduledExecutorService scheduler,
                   LabBudgets budgets) {
        this.service = service;
        this.scheduler = scheduler;
        this.validator = service.validator();
        this.datasets = List.copyOf(service.datasets().all());
        this.controls = new LabControls(datasets, validator);
        this.visuals = new LabVisuals(scheduler, budgets.frames());
        this.pushBudget = budgets.pushes();
        setId("lab");
        addClassName("lab-view");
        setSizeFull();

        LabLayout.fill(layout.header(), header);
        LabLayout.fill(layout.controls(), controls);
        charts.all().forEach(layout.charts()::add);
        LabLayout.fill(layout.visuals(), visuals);
        add(layout);
        comparison = new ComparisonRuns(service, charts, scheduler, pushBudget, () -> run);
        findings = new FindingsPanel(comparison);
        LabLayout.fill(layout.comparison(), comparison);
        LabLayout.fill(layout.findings(), findings);
        header.addTool(downloads);
        findings.addHighlightListener(finding -> visuals.diagram().highlightLayer(finding.layer()));
        addBatchListener(findings::accept);

        header.play().addClickListener(click -> togglePlay());
        header.step().addClickListener(click -> stepOnce());
        header.reset().addClickListener(click -> reset());
        header.themeToggle().addClickListener(click -> toggleColorScheme());
        header.speed().addValueChangeListener(change -> speedChanged());
        controls.addChangeListener(this::settingsChanged);
        controls.onCsvUpload(this::csvUploaded);
        showIdle();
    }

    // ------------------------------------------------------------------------------------------ entry & lifecycle

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        enter(event.getLocation().getQueryParameters());
    }

    /** Reads the settings from the address bar's query (applied when the view attaches). */
    public void enter(QueryParameters query) {
        embed = EmbedMode.of(query);
        autoplay = query.getSingleParameter("autoplay").filter("true"::equals).isPresent();
        enteredWithSettings = query.getParameters().keySet().stream().anyMatch(RunConfigUrl.PARAMETERS::contains);
        enteredWithInline = query.getSingleParameter("dataset").filter(DatasetConfig.INLINE::equals).isPresent();
        String queryString = query.getQueryString();
        if (enteredWithInline) {
            // Uploaded data lives in the session, not in the URL: parse the rest, attach the data on attach.
            queryString = queryString.replaceAll("(^|&)dataset=inline(?=&|$)", "");
        }
        RunConfigUrl.Parsed parsed = RunConfigUrl.parse(queryString, validator);
        enteredConfig = parsed.config();
        List<FieldError> errors = new ArrayList<>(parsed.errors());
        Optional<String> speedParameter = query.getSingleParameter(LabSpeed.PARAMETER);
        enteredSpeed = speedParameter.flatMap(LabSpeed::fromId);
        if (speedParameter.isPresent() && enteredSpeed.isEmpty()) {
            errors.add(new FieldError(LabSpeed.PARAMETER, "'" + speedParameter.get() + "' is not one of "
                    + LabSpeed.ids() + "; using the default"));
        }
        urlErrors = List.copyOf(errors);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        ui = event.getUI();
        VaadinSession session = ui.getSession();
        sessionRuns = LabSessions.runs(session, service);
        applyStoredColorScheme(session);
        restoreUploadedData(session);

        RunConfig config = enteredConfig;
        if (enteredWithInline && controls.hasInlineData()) {
            controls.setConfig(config);
            controls.selectInlineData();
            config = controls.config();
        }
        TrainingRun current = sessionRuns.current().orElse(null);
        if (current != null && (!enteredWithSettings || sameExperiment(current.config(), config))) {
            // A reload, a second tab, or coming back from another view: show the session's run as it is.
            if (!enteredWithSettings) {
                config = current.config();
            }
            controls.setConfig(config);
            adopt(current);
            // The URL's speed applies to the run; without one the menu shows the speed the run trains at.
            enteredSpeed.ifPresent(speed -> current.setPace(speed.pace()));
            LabSpeed.of(current.pace()).ifPresent(header.speed()::setValue);
            if (!current.state().isFinal() && !sameTraining(current.config(), controls.config())) {
                current.retune(controls.config().training(), controls.config().network().dropout());
            }
        } else {
            controls.setConfig(config);
            header.speed().setValue(enteredSpeed.orElse(LabSpeed.DEFAULT));
            run = null;
            showIdle();
        }
        writeUrl();
        if (embed != null) {
            embed.applyTo(controls, findings, downloads);
        }
        if (autoplay) {
            autoplay = false;
            startRun(false);
        }
        if (!urlErrors.isEmpty()) {
            String message = urlErrors.stream().map(FieldError::toString).collect(Collectors.joining("\n"));
            Notification notification = Notification.show(message, 10_000, Notification.Position.TOP_CENTER);
            notification.addThemeVariants(NotificationVariant.WARNING);
            notification.setId("url-errors");
            urlErrors = List.of();
        }
    }

    @Override
    protected void onDetach(DetachEvent event) {
        // The run goes on (it belongs to the session); only this view stops listening.
        closeFeed();
        visuals.stop();
        ui = null;
    }

    // ---------------------------------------------------------------------------------------------- public API

    /** The layout's slots, for features that add panels (findings, comparison, downloads). */
    public LabLayout layout() {
        return layout;
    }

    public LabHeader header() {
        return header;
    }

    public LabControls controls() {
        return controls;
    }

    public LabCharts charts() {
        return charts;
    }

    public LabVisuals visuals() {
        return visuals;
    }

    /** The run this view shows, or null before the first play after a reset or a structural change. */
    public TrainingRun currentRun() {
        return run;
    }

    /** Hides controls by key (embed mode), see {@link LabControls#KEYS}. */
    public void hideControls(Set<String> keys) {
        controls.hideControls(keys);
    }

    /** Receives every push delivery of the shown run (inside UI access), after the charts were updated. */
    public Registration addBatchListener(Consumer<FeedBatch> listener) {
        batchListeners.add(listener);
        return () -> batchListeners.remove(listener);
    }

    /**
     * Loads a whole configuration (a remedy, a preset): the controls show it, the URL follows, and the current run
     * ends as with any structural change.
     */
    public void applyConfig(RunConfig config) {
        controls.setConfig(config);
        settingsChanged(new LabControls.Change(controls.config(), "config", true));
    }

    /** The query string last written to the address bar (without '?'). */
    public String currentQuery() {
        return lastQuery;
    }

    // ------------------------------------------------------------------------------------------------- actions

    private void togglePlay() {
        if (run == null || run.state().isFinal()) {
            startRun(false);
        } else if (run.state() == RunState.PAUSED) {
            run.resume();
        } else {
            run.pause();
        }
        showState(run == null ? null : run.state());
    }

    private void stepOnce() {
        if (run == null || run.state().isFinal()) {
            startRun(true);
        }
        if (run != null && run.state() == RunState.PAUSED) {
            run.step();
        }
        showState(run == null ? null : run.state());
    }

    private void reset() {
        discardRun();
        showIdle();
    }

    private void startRun(boolean paused) {
        discardRun();
        try {
            TrainingRun started = service.start(controls.config(), new RunOwner.Session(sessionRuns), paused,
                    speed().pace());
            sessionRuns.setCurrent(started);
            adopt(started);
        } catch (InvalidConfigException invalid) {
            controls.showErrors(invalid.errors());
            error("Cannot start: " + invalid.errors().stream().map(FieldError::toString)
                    .collect(Collectors.joining("\n")));
            showIdle();
        } catch (CapacityException full) {
            error(full.getMessage() + (full.retryAfterSeconds() > 0
                    ? " Try again in about " + full.retryAfterSeconds() + " s." : ""));
            showIdle();
        }
    }

    /** Shows this run: fresh charts, then its whole history and live epochs through a new feed. */
    private void adopt(TrainingRun shown) {
        closeFeed();
        run = shown;
        lastEpoch = null;
        charts.reset(shapeOf(shown));
        findings.clear();
        downloads.showRun(shown, null);
        header.showEpoch(0, shown.config().training().epochs());
        showState(shown.state());
        if (ui != null) {
            visuals.show(ui, shown);
            feed = new RunFeed(ui, shown, scheduler, pushBudget, this::deliver).start(true);
        }
    }

    private void discardRun() {
        closeFeed();
        comparison.remove();
        if (run != null) {
            sessionRuns.discard(run);
            run = null;
        }
        lastEpoch = null;
    }

    private void closeFeed() {
        if (feed != null) {
            feed.close();
            feed = null;
        }
    }

    // ------------------------------------------------------------------------------------------- push delivery

    /** Inside UI access: one delivery of the feed. */
    void deliver(FeedBatch batch) {
        if (batch.run() != run) {
            return;
        }
        charts.append(batch.epochs());
        if (batch.lastEpoch() != null) {
            lastEpoch = batch.lastEpoch();
            header.showEpoch(lastEpoch.epoch(), controls.config().training().epochs());
        }
        if (batch.state() != null || batch.lastEpoch() != null) {
            showState(run.state());
            visuals.refresh();
        }
        batchListeners.forEach(listener -> listener.accept(batch));
    }

    // ------------------------------------------------------------------------------------------ settings & URL

    private void settingsChanged(LabControls.Change change) {
        if (change.structural()) {
            discardRun();
            showIdle();
        } else if (run != null && !run.state().isFinal()) {
            run.retune(change.config().training(), change.config().network().dropout());
            header.showEpoch(lastEpoch == null ? 0 : lastEpoch.epoch(), change.config().training().epochs());
        } else if (run == null) {
            // No run yet: the header shows the limit the next run will have.
            header.showEpoch(0, change.config().training().epochs());
        }
        writeUrl();
    }

    /** The learner picked a speed: the run and its comparison take it from their next epoch on. */
    private void speedChanged() {
        Pace pace = speed().pace();
        if (run != null) {
            run.setPace(pace);
        }
        comparison.run().ifPresent(comparisonRun -> comparisonRun.setPace(pace));
        writeUrl();
    }

    private LabSpeed speed() {
        LabSpeed chosen = header.speed().getValue();
        return chosen == null ? LabSpeed.DEFAULT : chosen;
    }

    private void writeUrl() {
        lastQuery = RunConfigUrl.toQuery(controls.config())
                + (speed() == LabSpeed.DEFAULT ? "" : "&" + LabSpeed.PARAMETER + "=" + speed().id());
        if (ui != null) {
            AddressBar.replaceQuery(ui, lastQuery);
        }
    }

    // -------------------------------------------------------------------------------------------------- upload

    void csvUploaded(String fileName, byte[] bytes) {
        try {
            UploadedDataset uploaded = UploadedDataset.parse(fileName, bytes);
            LabSessions.setUploadedData(ui.getSession(), uploaded.data());
            controls.setInlineData(fileName, uploaded.resolver(service.datasets()));
            controls.selectInlineData();
            Notification.show("Loaded " + fileName + ": " + uploaded.summary(), 5000, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.SUCCESS);
        } catch (RuntimeException rejected) {
            // CsvParser's message names the row and column after its field path "csv"; the learner knows the file
            // by its name, and nothing of it was loaded.
            String detail = String.valueOf(rejected.getMessage()).replaceFirst("^csv:?\\s+", "");
            error("Could not load " + fileName + ": " + detail);
        }
        controls.upload().clearFileList();
    }

    private void restoreUploadedData(VaadinSession session) {
        var data = LabSessions.uploadedData(session);
        if (data != null) {
            controls.setInlineData(data.name(), new UploadedDataset(data).resolver(service.datasets()));
        }
    }

    // -------------------------------------------------------------------------------------------- run display

    /**
     * No run: the charts are empty, and the boundary and diagram show the data and network the next run will train,
     * so any dataset or architecture change (and a reset) shows at once what play would start.
     */
    private void showIdle() {
        RunConfig config = controls.config().withDefaults();
        PreparedDataset data = previewData(config);
        if (data == null) {
            visuals.show(ui, null);
        } else {
            visuals.preview(ui, data, config.network());
        }
        charts.reset(shapeOf(controls.config()));
        findings.clear();
        downloads.showRun(null, controls.config());
        header.showEpoch(0, controls.config().training().epochs());
        showState(null);
    }

    /** The next run's data, or null when the settings give none; the last one is kept, as settings often repeat. */
    private PreparedDataset previewData(RunConfig config) {
        if (!config.dataset().equals(previewedDataset)) {
            try {
                previewData = service.prepareData(config);
            } catch (RuntimeException unusable) {
                // Play names the problem; until then there is simply nothing to draw.
                previewData = null;
            }
            previewedDataset = config.dataset();
        }
        return previewData;
    }

    private void showState(RunState state) {
        boolean training = state == RunState.RUNNING || state == RunState.QUEUED;
        header.showPlayAction(training ? LabHeader.PlayAction.PAUSE
                : state != null && state.isFinal() ? LabHeader.PlayAction.RESTART : LabHeader.PlayAction.PLAY);
        if (header.step().isEnabled() == training) {
            // Only on a change: a button's setEnabled costs a state change and a script call even when equal.
            header.step().setEnabled(!training);
        }
        if (state == null) {
            header.showState("Ready", null);
            return;
        }
        switch (state) {
            case QUEUED -> header.showState(QUEUED_TEXT, BadgeVariant.CONTRAST);
            case RUNNING -> header.showState("Running", BadgeVariant.SUCCESS);
            case PAUSED -> header.showState(lastEpoch == null ? "Ready (paused)" : "Paused", null);
            case COMPLETED -> header.showState("Completed", BadgeVariant.CONTRAST);
            case DIVERGED -> header.showState(divergedText(), BadgeVariant.ERROR);
            case STOPPED -> header.showState("Stopped", BadgeVariant.WARNING);
        }
    }

    private String divergedText() {
        NonFinite where = run == null ? null : run.divergedAt();
        if (where == null && lastEpoch != null) {
            where = lastEpoch.nonFinite();
        }
        int hiddenLayers = run == null ? controls.config().network().hiddenLayers().size()
                : run.config().network().hiddenLayers().size();
        return where == null ? "Diverged" : divergedText(where, hiddenLayers);
    }

    /**
     * Where the first non-finite value appeared, in the diagram's words: layers 1..H are the hidden layers (the
     * diagram's "Hidden N" columns), H + 1 is the output layer.
     */
    static String divergedText(NonFinite where, int hiddenLayers) {
        // Short enough for the state badge; the findings panel explains the causes and remedies.
        if ("loss".equals(where.what())) {
            return "Diverged: the loss became NaN/∞";
        }
        String place = where.layer() >= 1 && where.layer() <= hiddenLayers
                ? "hidden layer " + where.layer() : "the output layer";
        return "Diverged: NaN/∞ " + where.what() + " in " + place;
    }

    private RunShape shapeOf(TrainingRun shown) {
        return new RunShape(shown.data().task(), activations(shown.config()));
    }

    private RunShape shapeOf(RunConfig config) {
        Task task;
        if (config.dataset().isInline()) {
            task = config.dataset().task() == null ? Task.BINARY : Task.fromId(config.dataset().task());
        } else {
            task = datasets.stream().filter(info -> info.name().equals(config.dataset().name())).findFirst()
                    .map(DatasetInfo::task).orElse(Task.BINARY);
        }
        return new RunShape(task, activations(config));
    }

    private static List<Activation> activations(RunConfig config) {
        return config.withDefaults().network().activationPerLayer().stream().map(Activation::fromId).toList();
    }

    /**
     * Same data, network and seed: a run of one can stand for the other, since the remaining (live) settings can be
     * retuned on the run.
     */
    static boolean sameExperiment(RunConfig a, RunConfig b) {
        return structure(a).equals(structure(b));
    }

    /** The configuration without its live settings (those take the defaults), as a comparable string. */
    private static String structure(RunConfig config) {
        RunConfig full = config.withDefaults();
        TrainingConfig onlySeed = new TrainingConfig(null, null, null, null, null, null, null, null,
                full.training().seed()).withDefaults();
        RunConfig structural = full.withTraining(onlySeed).withNetwork(full.network().withDropout(0.0));
        return RunConfigUrl.toQuery(structural) + "&task=" + full.dataset().task();
    }

    private static boolean sameTraining(RunConfig a, RunConfig b) {
        return RunConfigUrl.toQuery(a).equals(RunConfigUrl.toQuery(b));
    }

    // ------------------------------------------------------------------------------------------- colour scheme

    private void toggleColorScheme() {
        boolean dark = !Boolean.TRUE.equals(ui.getSession().getAttribute(COLOR_SCHEME_ATTRIBUTE));
        ui.getSession().setAttribute(COLOR_SCHEME_ATTRIBUTE, dark);
        applyColorScheme(dark);
    }

    private void applyStoredColorScheme(VaadinSession session) {
        applyColorScheme(Boolean.TRUE.equals(session.getAttribute(COLOR_SCHEME_ATTRIBUTE)));
    }

    private void applyColorScheme(boolean dark) {
        ui.getPage().setColorScheme(dark ? ColorScheme.Value.DARK : ColorScheme.Value.LIGHT);
        header.setDark(dark);
    }

    private static void error(String message) {
        Notification notification = Notification.show(message, 10_000, Notification.Position.BOTTOM_START);
        notification.addThemeVariants(NotificationVariant.ERROR);
    }
}
