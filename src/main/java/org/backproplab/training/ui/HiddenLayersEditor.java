package org.backproplab.training.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.backproplab.config.Choices;

/**
 * Edits the hidden layers: one row per layer with its units (1..256) and an optional activation of its own, a
 * remove button per row and an "Add layer" button (at most 12 layers). Reports every edit as the new list of units
 * and per-layer activations (null entries mean "the network's activation"); the caller validates and decides.
 */
class HiddenLayersEditor extends Div {

    /** An edit: the proposed layers, and which row changed (-1 for adding or removing a row). */
    record Edit(List<Integer> units, List<String> activations, int row) {
    }

    static final int DEFAULT_UNITS = 4;

    private final List<Row> rows = new ArrayList<>();
    private final Div rowBox = new Div();
    private final Button add = new Button("Add layer", VaadinIcon.PLUS.create());
    private final Span summary = new Span();
    private final Consumer<Edit> onEdit;
    private boolean updating;
    /** The network-wide activation that rows without their own follow (shown in parentheses). */
    private String networkActivation;

    HiddenLayersEditor(Consumer<Edit> onEdit) {
        this.onEdit = onEdit;
        addClassName("lab-layers");
        add.setId("add-layer");
        add.addThemeVariants(ButtonVariant.SMALL);
        add.addClickListener(click -> {
            List<Integer> units = new ArrayList<>(units());
            List<String> activations = new ArrayList<>(activations());
            units.add(units.isEmpty() ? DEFAULT_UNITS : units.getLast());
            activations.add(null);
            onEdit.accept(new Edit(units, activations, -1));
        });
        summary.addClassName("lab-layers-summary");
        HorizontalLayout top = new HorizontalLayout(summary, add);
        top.setAlignItems(FlexComponent.Alignment.CENTER);
        top.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);
        top.setWidthFull();
        rowBox.addClassName("lab-layer-rows");
        add(top, rowBox);
    }

    /** Shows these layers without reporting an edit. */
    void show(List<Integer> units, List<String> activations) {
        updating = true;
        try {
            while (rows.size() > units.size()) {
                rowBox.remove(rows.removeLast());
            }
            while (rows.size() < units.size()) {
                Row row = new Row(rows.size());
                rows.add(row);
                rowBox.add(row);
            }
            for (int i = 0; i < units.size(); i++) {
                rows.get(i).show(units.get(i), activations == null ? null : activations.get(i));
            }
            summary.setText(units.isEmpty() ? "No hidden layers (a linear model)"
                    : units.size() + (units.size() == 1 ? " hidden layer" : " hidden layers"));
            add.setEnabled(units.size() < Choices.MAX_HIDDEN_LAYERS);
        } finally {
            updating = false;
        }
    }

    /**
     * The network-wide activation, which a row without its own activation shows in parentheses, e.g. "(tanh)": a
     * caption short enough for the narrow select, which still says what the layer computes.
     */
    void setNetworkActivation(String name) {
        networkActivation = name;
        rows.forEach(Row::showInherited);
    }

    private String inheritedCaption() {
        return networkActivation == null ? "network's" : "(" + networkActivation + ")";
    }

    /** The units shown, with nulls where a field holds no valid number. */
    List<Integer> units() {
        return rows.stream().map(row -> row.units.getValue()).toList();
    }

    List<String> activations() {
        return rows.stream().map(row -> row.activation.getValue()).toList();
    }

    /** Marks a row's units field invalid with this message; null clears every row's error. */
    void showError(int row, String message) {
        if (message == null) {
            rows.forEach(r -> r.units.setInvalid(false));
            return;
        }
        if (row >= 0 && row < rows.size()) {
            rows.get(row).units.setErrorMessage(message);
            rows.get(row).units.setInvalid(true);
        }
    }

    IntegerField unitsField(int row) {
        return rows.get(row).units;
    }

    Select<String> activationField(int row) {
        return rows.get(row).activation;
    }

    Button removeButton(int row) {
        return rows.get(row).remove;
    }

    Button addButton() {
        return add;
    }

    int rowCount() {
        return rows.size();
    }

    private final class Row extends HorizontalLayout {
        final IntegerField units = new IntegerField();
        final Select<String> activation = new Select<>();
        final Button remove = new Button(VaadinIcon.MINUS.create());
        final int index;

        Row(int index) {
            this.index = index;
            addClassName("lab-layer-row");
            setAlignItems(FlexComponent.Alignment.BASELINE);
            setSpacing(false);
            units.setLabel("Layer " + (index + 1) + " units");
            units.setId("layer-units-" + (index + 1));
            units.setMin(1);
            units.setMax(Choices.MAX_UNITS);
            units.setStepButtonsVisible(true);
            units.setManualValidation(true);
            units.addClassName("lab-units");
            units.addValueChangeListener(change -> edited());
            activation.setLabel("Activation");
            activation.setId("layer-activation-" + (index + 1));
            activation.setItems(Choices.ACTIVATIONS);
            activation.setEmptySelectionAllowed(true);
            activation.setTooltipText("This layer's activation; in parentheses: the network's Activation (below)");
            showInherited();
            activation.addClassName("lab-layer-activation");
            activation.addValueChangeListener(change -> edited());
            remove.setId("remove-layer-" + (index + 1));
            remove.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.SMALL);
            remove.setAriaLabel("Remove layer " + (index + 1));
            remove.setTooltipText("Remove layer " + (index + 1));
            remove.addClickListener(click -> {
                List<Integer> newUnits = new ArrayList<>(units());
                List<String> newActivations = new ArrayList<>(activations());
                newUnits.remove(this.index);
                newActivations.remove(this.index);
                onEdit.accept(new Edit(newUnits, newActivations, -1));
            });
            add(units, activation, remove);
        }

        void showInherited() {
            String caption = inheritedCaption();
            activation.setEmptySelectionCaption(caption);
            activation.setItemLabelGenerator(value -> value == null ? caption : value);
        }

        void show(Integer unitCount, String activationName) {
            units.setValue(unitCount);
            units.setInvalid(false);
            activation.setValue(activationName);
        }

        private void edited() {
            if (!updating) {
                onEdit.accept(new Edit(units(), activations(), index));
            }
        }
    }

    static List<String> noActivations(int layers) {
        return Collections.nCopies(layers, null);
    }
}
