package org.backproplab.training.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.backproplab.config.NetworkConfig;
import org.backproplab.datasets.PreparedDataset;
import org.backproplab.engine.Task;
import org.backproplab.training.TrainingRun;

/**
 * The decision boundary (2-D datasets) and the network diagram, refreshed from the run's live network as often as
 * the shared {@link RefreshBudget} allows (at most 4 times a second). A frame is computed on the push scheduler from
 * a copy of the network ({@link VisualFrame#compute}: one forward pass over the grid feeds both the boundary and
 * the unit thumbnails) and shown through {@code ui.access}; while one frame is in flight, further requests only mark the picture stale,
 * so intermediate frames are dropped and the last state is always drawn.
 */
public class LabVisuals extends Div {

    static final int BOUNDARY_RESOLUTION = 40;

    private final ScheduledExecutorService scheduler;
    private final RefreshBudget budget;
    private final DecisionBoundary boundary = new DecisionBoundary();
    private final NetworkDiagram diagram = new NetworkDiagram();
    private final Checkbox showTestPoints = new Checkbox("Test points", true);
    private final Div boundaryCard = new Div();
    private final Span noBoundary = new Span("The decision boundary is drawn for 2-D datasets.");

    private UI ui;
    private TrainingRun run;
    private BoundaryGrid grid;
    private List<String> activations = List.of();
    private boolean inFlight;
    private boolean stale;
    private boolean delayedCheckScheduled;
    private long lastStartNanos = System.nanoTime() - TimeUnit.SECONDS.toNanos(1);
    private boolean counted;

    public LabVisuals(ScheduledExecutorService scheduler, RefreshBudget budget) {
        this.scheduler = scheduler;
        this.budget = budget;
        addClassName("lab-visuals-content");
        boundary.setId("decision-boundary");
        boundary.setWidth("100%");
        boundary.setHeight("300px");
        diagram.setId("network-diagram");
        diagram.setWidth("100%");
        diagram.setHeight("300px");
        showTestPoints.setId("show-test-points");
        showTestPoints.addValueChangeListener(e -> boundary.setShowTestPoints(Boolean.TRUE.equals(e.getValue())));
        noBoundary.addClassName("lab-visual-empty");
        noBoundary.setVisible(false);

        Div boundaryTitle = new Div(new Span("Decision boundary"), showTestPoints);
        boundaryTitle.addClassName("lab-visual-title");
        boundaryCard.add(boundaryTitle, boundary, noBoundary);
        boundaryCard.addClassName("lab-visual-card");
        Div diagramTitle = new Div(new Span("Network"));
        diagramTitle.addClassName("lab-visual-title");
        Div diagramCard = new Div(diagramTitle, diagram);
        diagramCard.addClassName("lab-visual-card");
        add(boundaryCard, diagramCard);
    }

    public DecisionBoundary boundary() {
        return boundary;
    }

    public NetworkDiagram diagram() {
        return diagram;
    }

    public Checkbox showTestPoints() {
        return showTestPoints;
    }

    /**
     * Shows a run's data and architecture and draws its current network; null clears the pictures (no run, and no
     * data known). Must be called inside UI access.
     */
    public void show(UI currentUi, TrainingRun shown) {
        if (shown == null) {
            showNothing(currentUi);
            return;
        }
        showData(currentUi, shown, shown.data(), shown.config().network());
        refresh();
    }

    /**
     * Shows what the next run will train: exactly its data points and its architecture, with no network output
     * (no heatmap, no weights) until a run starts. Must be called inside UI access.
     */
    public void preview(UI currentUi, PreparedDataset data, NetworkConfig network) {
        showData(currentUi, null, data, network);
    }

    private void showNothing(UI currentUi) {
        this.ui = currentUi;
        this.run = null;
        stale = false;
        setCounted(false);
        boundary.clear();
        boundary.clearPoints();
        diagram.clear();
    }

    private void showData(UI currentUi, TrainingRun shown, PreparedDataset data, NetworkConfig network) {
        this.ui = currentUi;
        this.run = shown;
        stale = false;
        setCounted(shown != null && currentUi != null);
        boundary.clear();
        activations = network.activationPerLayer();
        boolean twoDimensional = data.featureMap() != null && data.trainPoints() != null;
        boundary.setVisible(twoDimensional);
        showTestPoints.setVisible(twoDimensional);
        noBoundary.setVisible(!twoDimensional);
        if (twoDimensional) {
            double[][] testPoints = data.testPoints() == null ? new double[0][] : data.testPoints();
            boundary.setPoints(data.trainPoints(), data.train().y(), testPoints, data.test().y(), data.task());
            grid = BoundaryGrid.of(data.featureMap()::apply, BOUNDARY_RESOLUTION);
        } else {
            boundary.clearPoints();
            grid = null;
        }
        int outputs = data.task() == Task.MULTICLASS ? data.classes() : 1;
        diagram.setStructure(data.featureNames(), network.hiddenLayers(), activations, outputs, data.task());
    }

    /** Asks for a new picture of the current network; cheap to call on every push delivery. */
    public void refresh() {
        if (run == null || ui == null) {
            return;
        }
        stale = true;
        startIfDue();
    }

    /** Stops refreshing (the view detached). */
    public void stop() {
        run = null;
        ui = null;
        setCounted(false);
    }

    /** Pages showing a run share the frame budget; idle or closed pages do not count. */
    private void setCounted(boolean showing) {
        if (showing && !counted) {
            budget.pageStarted();
        } else if (!showing && counted) {
            budget.pageStopped();
        }
        counted = showing;
    }

    /** Inside UI access. */
    private void startIfDue() {
        if (!stale || inFlight || run == null) {
            return;
        }
        long wait = lastStartNanos + budget.minIntervalNanos() - System.nanoTime();
        try {
            if (wait > 0) {
                if (!delayedCheckScheduled) {
                    delayedCheckScheduled = true;
                    UI target = ui;
                    scheduler.schedule(() -> access(target, () -> {
                        delayedCheckScheduled = false;
                        startIfDue();
                    }), wait, TimeUnit.NANOSECONDS);
                }
                return;
            }
            stale = false;
            inFlight = true;
            lastStartNanos = System.nanoTime();
            TrainingRun target = run;
            BoundaryGrid targetGrid = grid;
            List<String> targetActivations = activations;
            UI targetUi = ui;
            scheduler.execute(() -> {
                VisualFrame frame;
                try {
                    frame = VisualFrame.compute(target, targetGrid, targetActivations);
                } catch (RuntimeException failed) {
                    frame = null;
                }
                VisualFrame computed = frame;
                access(targetUi, () -> {
                    inFlight = false;
                    if (computed != null && computed.run() == run) {
                        draw(computed);
                    }
                    startIfDue();
                });
            });
        } catch (RejectedExecutionException shuttingDown) {
            inFlight = false;
        }
    }

    private void draw(VisualFrame frame) {
        if (frame.boundary() != null) {
            boundary.setOutput(frame.boundary());
        }
        diagram.setState(frame.weights(), frame.dead(), frame.thumbnails());
    }

    private static void access(UI target, Runnable command) {
        if (target == null) {
            return;
        }
        try {
            target.access(command::run);
        } catch (UIDetachedException gone) {
            // The view is gone; nothing to draw.
        }
    }
}
