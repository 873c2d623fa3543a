package org.backproplab.walkthroughs.ui;

import com.vaadin.flow.component.HasStyle;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.router.QueryParameters;
import org.backproplab.config.RunConfig;
import org.backproplab.config.RunConfigUrl;
import org.backproplab.diagnosis.Charts;

/** What the walkthrough pages share: layout, the way back to the lab, chart names, the lab address of a preset. */
final class WalkthroughPages {

    /** The lab starts the run loaded from the URL at once when this parameter is {@code true}. */
    static final String AUTOPLAY = "autoplay";

    private WalkthroughPages() {
    }

    static void pageStyle(HasStyle page) {
        page.addClassName("walkthrough-page");
        page.getStyle().set("display", "block").set("max-width", "52rem").set("margin", "0 auto")
                .set("padding", "var(--lumo-space-m) var(--lumo-space-l) var(--lumo-space-xl)")
                .set("box-sizing", "border-box");
    }

    static Anchor labLink() {
        Anchor lab = new Anchor("", "← Back to the lab");
        lab.addClassName("lab-link");
        return lab;
    }

    /** The lab's address (query string, without '?') that loads this preset and starts it. */
    static QueryParameters labQuery(RunConfig preset) {
        return QueryParameters.fromString(RunConfigUrl.toQuery(preset) + "&" + AUTOPLAY + "=true");
    }

    /** How the pages name a lab chart. */
    static String chartName(String chartId) {
        if (chartId == null) {
            return null;
        }
        return switch (chartId) {
            case Charts.LOSS -> "the Loss chart";
            case Charts.ACCURACY -> "the Accuracy chart";
            case Charts.GRADIENT -> "the Gradient norm per layer chart";
            case Charts.DEAD -> "the Dead units chart";
            case Charts.UPDATE_RATIO -> "the Update : weight ratio chart";
            case Charts.ACTIVATION -> "the Activations chart";
            default -> "the chart " + chartId;
        };
    }
}
