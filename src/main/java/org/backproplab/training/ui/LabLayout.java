package org.backproplab.training.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Section;

/**
 * The lab's page structure, as named slots other features fill: {@link #header()} across the top,
 * {@link #controls()} as the left column, and in the main area {@link #charts()} (a grid of charts),
 * {@link #visuals()} (decision boundary and network diagram), {@link #findings()} (the findings panel) and
 * {@link #comparison()} (an A/B comparison's controls). Styles: {@code frontend/lab-view.css}.
 */
public class LabLayout extends Div {

    private final Div header = slot("lab-header-slot");
    private final Div controls = slot("lab-controls-slot");
    private final Div charts = slot("lab-charts");
    private final Div visuals = slot("lab-visuals");
    private final Div findings = slot("lab-findings-slot");
    private final Div comparison = slot("lab-comparison-slot");

    public LabLayout() {
        addClassName("lab-layout");
        Section aside = new Section(controls);
        aside.addClassName("lab-aside");
        aside.getElement().setAttribute("aria-label", "Settings");
        Main main = new Main(comparison, charts, visuals, findings);
        main.addClassName("lab-main");
        add(header, aside, main);
    }

    public Div header() {
        return header;
    }

    public Div controls() {
        return controls;
    }

    public Div charts() {
        return charts;
    }

    public Div visuals() {
        return visuals;
    }

    public Div findings() {
        return findings;
    }

    public Div comparison() {
        return comparison;
    }

    /** Puts a component into a slot, replacing what was there. */
    public static void fill(Div slot, Component content) {
        slot.removeAll();
        slot.add(content);
    }

    private static Div slot(String className) {
        Div slot = new Div();
        slot.addClassName(className);
        return slot;
    }
}
