package org.backproplab.training.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.contextmenu.MenuItem;
import com.vaadin.flow.component.contextmenu.SubMenu;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinServletRequest;
import java.net.URL;
import java.util.List;
import org.backproplab.api.CurlCommand;
import org.backproplab.config.RunConfig;
import org.backproplab.training.TrainingRun;

/**
 * The lab's download menu: the shown run's model as JSON (restartable as {@code network.weights}), as a
 * TensorFlow.js model, its epochs as CSV, and "Copy API call", the curl command that reproduces the experiment
 * through the HTTP API. The files come from the API's endpoints for the run's id; the links are plain anchors, so
 * the browser downloads them itself.
 */
public class DownloadMenu extends Div {

    public static final String ID = "downloads";
    public static final String MODEL_JSON_ID = "download-model";
    public static final String TFJS_ID = "download-tfjs";
    public static final String CSV_ID = "download-epochs";
    public static final String COPY_API_ID = "copy-api-call";

    private final MenuBar menu = new MenuBar();
    private final Anchor modelJson = link(MODEL_JSON_ID, "Model (JSON)");
    private final Anchor tfjs = link(TFJS_ID, "TensorFlow.js model (.zip)");
    private final Anchor epochsCsv = link(CSV_ID, "Epochs (CSV)");
    private final MenuItem copyApiCall;
    private final List<MenuItem> fileItems;

    private TrainingRun run;
    private RunConfig config;
    private String baseUrl;

    public DownloadMenu() {
        setId(ID);
        addClassName("download-menu");
        menu.addThemeVariants(MenuBarVariant.LUMO_TERTIARY, MenuBarVariant.LUMO_SMALL);
        menu.getElement().setAttribute("aria-label", "Downloads");
        MenuItem root = menu.addItem(VaadinIcon.DOWNLOAD.create());
        root.add("Download");
        root.setAriaLabel("Download");
        SubMenu sub = root.getSubMenu();
        fileItems = List.of(sub.addItem(modelJson), sub.addItem(tfjs), sub.addItem(epochsCsv));
        sub.addSeparator();
        copyApiCall = sub.addItem("Copy API call", click -> copyApiCall());
        copyApiCall.setId(COPY_API_ID);
        add(menu);
        showRun(null, null);
    }

    /**
     * Points the menu at the shown run (null: no run yet; the file items are disabled) and the experiment its
     * "Copy API call" reproduces (the run's configuration, or the controls' when there is no run).
     */
    public void showRun(TrainingRun shown, RunConfig experiment) {
        run = shown;
        config = experiment != null ? experiment : shown == null ? null : shown.config();
        String id = shown == null ? null : shown.id();
        setHref(modelJson, id, "model", "backprop-lab-" + id + "-model.json");
        setHref(tfjs, id, "model.tfjs.zip", "backprop-lab-" + id + "-tfjs.zip");
        setHref(epochsCsv, id, "epochs.csv", "backprop-lab-" + id + "-epochs.csv");
        fileItems.forEach(item -> item.setEnabled(id != null));
        copyApiCall.setEnabled(config != null);
    }

    /** The shell command for the current experiment, against this server. */
    public String apiCall() {
        return config == null ? null : CurlCommand.of(config, baseUrl());
    }

    MenuBar menuBar() {
        return menu;
    }

    Anchor modelJsonLink() {
        return modelJson;
    }

    Anchor tfjsLink() {
        return tfjs;
    }

    Anchor epochsCsvLink() {
        return epochsCsv;
    }

    MenuItem copyApiCallItem() {
        return copyApiCall;
    }

    /** Copies the command to the clipboard (the browser may refuse) and shows it in a dialog either way. */
    void copyApiCall() {
        String command = apiCall();
        if (command == null) {
            return;
        }
        getUI().ifPresent(ui -> ui.getPage()
                .executeJs("return navigator.clipboard ? navigator.clipboard.writeText($0).then(() => true, () => false)"
                        + " : false", command)
                .then(Boolean.class, copied -> {
                    if (Boolean.TRUE.equals(copied)) {
                        Notification.show("API call copied to the clipboard", 3000, Notification.Position.BOTTOM_START)
                                .addThemeVariants(NotificationVariant.SUCCESS);
                    }
                }));
        dialog(command).open();
    }

    Dialog dialog(String command) {
        Dialog dialog = new Dialog();
        dialog.setId("api-call-dialog");
        dialog.setHeaderTitle("API call for this experiment");
        TextArea text = new TextArea();
        text.setId("api-call-text");
        text.setValue(command);
        text.setReadOnly(true);
        text.setWidth("min(42rem, 80vw)");
        text.getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)");
        Paragraph hint = new Paragraph("Runs the same experiment through the HTTP API and waits for it to end. "
                + "If the clipboard was not allowed, select the text and copy it.");
        dialog.add(hint, text);
        Button close = new Button("Close", click -> dialog.close());
        close.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(close);
        return dialog;
    }

    @Override
    protected void onAttach(AttachEvent event) {
        // The request's own address can differ from the browser's behind a proxy: ask the browser.
        event.getUI().getPage().fetchCurrentURL(this::rememberBrowserUrl);
    }

    private void rememberBrowserUrl(URL url) {
        String path = url.getPath();
        String context = contextPath();
        baseUrl = url.getProtocol() + "://" + url.getAuthority() + (path.startsWith(context) ? context : "");
    }

    private String baseUrl() {
        if (baseUrl != null) {
            return baseUrl;
        }
        if (VaadinRequest.getCurrent() instanceof VaadinServletRequest request) {
            String scheme = request.getScheme();
            int port = request.getServerPort();
            boolean defaultPort = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
            return scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port) + request.getContextPath();
        }
        return "http://localhost:8080";
    }

    private static String contextPath() {
        return VaadinRequest.getCurrent() instanceof VaadinServletRequest request ? request.getContextPath() : "";
    }

    private static void setHref(Anchor anchor, String runId, String endpoint, String fileName) {
        if (runId == null) {
            anchor.removeHref();
            anchor.getElement().removeAttribute("download");
            return;
        }
        // Relative to the app's base URL (Vaadin's <base href>), so a context path is respected.
        anchor.setHref("api/runs/" + runId + "/" + endpoint);
        anchor.getElement().setAttribute("download", fileName);
    }

    private static Anchor link(String id, String text) {
        Anchor anchor = new Anchor();
        anchor.setText(text);
        anchor.setId(id);
        anchor.setRouterIgnore(true);
        return anchor;
    }
}
