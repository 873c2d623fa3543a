package org.backproplab.training.ui;

import com.vaadin.flow.component.UI;

/**
 * Writes the lab's settings into the browser's address bar without a navigation. {@code History.replaceState}
 * would parse the query into a map and write it back: parameters in hash order and commas escaped
 * ({@code layers=8%2C8}), a link no one wants to read or share. This writes the query exactly as given, through the
 * same channel Vaadin uses, so the client-side router still knows the current address.
 */
final class AddressBar {

    private AddressBar() {
    }

    /** Replaces the current history entry's query with {@code query} (without '?'). */
    static void replaceQuery(UI ui, String query) {
        String url = "?" + query;
        if (ui.getSession().getService().getDeploymentConfiguration().isReactEnabled()) {
            ui.getPage().executeJs("window.dispatchEvent(new CustomEvent('vaadin-navigate', "
                    + "{ detail: { state: null, url: $0, replace: true, callback: false } }));", url);
        } else {
            ui.getPage().executeJs("setTimeout(() => { window.history.replaceState(null, '', $0); "
                    + "window.dispatchEvent(new CustomEvent('vaadin-navigated')); })", url);
        }
    }
}
