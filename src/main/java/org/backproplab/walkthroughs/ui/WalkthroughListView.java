package org.backproplab.walkthroughs.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import org.backproplab.walkthroughs.Walkthrough;
import org.backproplab.walkthroughs.WalkthroughLibrary;

/** {@code /walkthroughs}: every walkthrough with its summary and a link to it. */
@Route("walkthroughs")
@PageTitle("Walkthroughs · Backprop Lab")
public class WalkthroughListView extends Main {

    public WalkthroughListView(WalkthroughLibrary library) {
        setId("walkthroughs");
        WalkthroughPages.pageStyle(this);
        H1 title = new H1("Walkthroughs");
        Paragraph intro = new Paragraph("Short guided lessons: break a network on purpose, watch the charts show why,"
                + " then fix it with one click. Each step runs in the lab.");
        add(WalkthroughPages.labLink(), title, intro);
        Div list = new Div();
        list.addClassName("walkthrough-list");
        list.getStyle().set("display", "flex").set("flex-direction", "column").set("gap", "var(--lumo-space-m)");
        for (Walkthrough walkthrough : library.all()) {
            list.add(card(walkthrough));
        }
        add(list);
    }

    private static Div card(Walkthrough walkthrough) {
        Div card = new Div();
        card.addClassName("walkthrough-card");
        card.getElement().setAttribute("data-id", walkthrough.id());
        card.getStyle().set("border", "1px solid var(--lumo-contrast-20pct)")
                .set("border-radius", "var(--lumo-border-radius-l)").set("padding", "var(--lumo-space-m)");
        RouterLink link = new RouterLink(walkthrough.title(), WalkthroughView.class,
                new RouteParameters(WalkthroughView.ID_PARAMETER, walkthrough.id()));
        link.addClassName("walkthrough-link");
        H2 heading = new H2(link);
        heading.getStyle().set("margin", "0").set("font-size", "var(--lumo-font-size-xl)");
        Paragraph summary = new Paragraph(walkthrough.summary());
        summary.getStyle().set("margin", "var(--lumo-space-xs) 0 0 0");
        Paragraph steps = new Paragraph(walkthrough.steps().size() + " steps");
        steps.getStyle().set("margin", "0").set("color", "var(--lumo-secondary-text-color)")
                .set("font-size", "var(--lumo-font-size-s)");
        card.add(heading, summary, steps);
        return card;
    }
}
