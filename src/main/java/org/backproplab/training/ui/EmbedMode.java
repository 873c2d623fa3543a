package org.backproplab.training.ui;

import com.vaadin.flow.router.QueryParameters;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.backproplab.walkthroughs.EmbedOptions;

/**
 * Embed mode: {@code <control>_hide=true} URL parameters (see {@link EmbedOptions}) turned into the lab's control
 * keys ({@link LabControls#KEYS}) to hide, plus whether the findings panel and the download menu are hidden. An
 * educator's link such as {@code /?dataset=xor&activation_hide=true&lr_hide=true} gives a reduced lab.
 */
public final class EmbedMode {

    /** Embed names that stand for several lab controls. */
    private static final Map<String, List<String>> CONTROL_KEYS = Map.of(
            "regularization", List.of(LabControls.L1, LabControls.L2),
            "init", List.of(LabControls.INIT, LabControls.INIT_SCALE),
            "optimizer", List.of(LabControls.OPTIMIZER, LabControls.MOMENTUM),
            "seed", List.of(LabControls.SEED, LabControls.REGENERATE));

    private final EmbedOptions options;
    private final Set<String> hidden;

    private EmbedMode(EmbedOptions options) {
        this.options = options;
        Set<String> keys = new LinkedHashSet<>();
        for (String control : options.hidden()) {
            List<String> mapped = CONTROL_KEYS.get(control);
            if (mapped != null) {
                keys.addAll(mapped);
            } else if (LabControls.KEYS.contains(control)) {
                keys.add(control);
            }
        }
        this.hidden = Set.copyOf(keys);
    }

    /** Reads the hide parameters of the lab's URL (the first value of each parameter counts). */
    public static EmbedMode of(QueryParameters query) {
        Map<String, String> first = new LinkedHashMap<>();
        query.getParameters().forEach((name, values) -> first.put(name, values.isEmpty() ? "" : values.getFirst()));
        return new EmbedMode(EmbedOptions.parse(first));
    }

    /** The lab control keys to hide, for {@code LabView.hideControls(hidden())}. */
    public Set<String> hidden() {
        return hidden;
    }

    /** Whether any control is hidden. */
    public boolean isEmbedded() {
        return options.isEmbedded();
    }

    public boolean hidesFindings() {
        return options.isHidden("findings");
    }

    public boolean hidesDownloads() {
        return options.isHidden("export");
    }

    /** {@code _hide} parameters naming no known control, for a visible message. */
    public List<String> unknownParameters() {
        return options.unknown();
    }

    /**
     * Applies the mode to a lab: hides the controls, and the findings panel and download menu when asked (either
     * may be null when the lab has none).
     */
    public void applyTo(LabControls controls, FindingsPanel findings, DownloadMenu downloads) {
        controls.hideControls(hidden);
        if (findings != null && hidesFindings()) {
            findings.setVisible(false);
        }
        if (downloads != null && hidesDownloads()) {
            downloads.setVisible(false);
        }
    }
}
