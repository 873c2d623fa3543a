package org.backproplab.walkthroughs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Embed mode: an educator links a reduced lab by hiding controls with URL parameters of the form
 * {@code <control>_hide=true}, as TensorFlow Playground does (e.g. {@code ?dataset=xor&layers=4&activation_hide=true}).
 *
 * @param hidden  the controls to hide (names from {@link #CONTROLS})
 * @param unknown {@code _hide} parameters naming no known control, for a visible message
 */
public record EmbedOptions(Set<String> hidden, List<String> unknown) {

    /** Suffix of a hide parameter. */
    public static final String HIDE_SUFFIX = "_hide";

    /** Every control that can be hidden, with what it is (documentation for educators and the README). */
    public static final Map<String, String> CONTROLS = controls();

    public EmbedOptions {
        hidden = Set.copyOf(hidden);
        unknown = List.copyOf(unknown);
    }

    public static EmbedOptions none() {
        return new EmbedOptions(Set.of(), List.of());
    }

    /**
     * Reads the {@code <control>_hide} parameters; a control is hidden when the value is {@code true}, {@code 1},
     * {@code yes} or empty ({@code ?noise_hide}). Other parameters are ignored (the run configuration owns them).
     */
    public static EmbedOptions parse(Map<String, String> params) {
        Set<String> hidden = new TreeSet<>();
        List<String> unknown = new ArrayList<>();
        if (params == null) {
            return none();
        }
        params.forEach((name, value) -> {
            if (name == null || !name.endsWith(HIDE_SUFFIX)) {
                return;
            }
            String control = name.substring(0, name.length() - HIDE_SUFFIX.length());
            if (!CONTROLS.containsKey(control)) {
                unknown.add(name);
            } else if (isTrue(value)) {
                hidden.add(control);
            }
        });
        return new EmbedOptions(hidden, unknown);
    }

    public boolean isHidden(String control) {
        return hidden.contains(control);
    }

    /** True when any control is hidden (the lab then runs in embed mode). */
    public boolean isEmbedded() {
        return !hidden.isEmpty();
    }

    private static boolean isTrue(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        return v.isEmpty() || v.equals("true") || v.equals("1") || v.equals("yes");
    }

    private static Map<String, String> controls() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("dataset", "dataset picker");
        c.put("samples", "number of samples");
        c.put("noise", "noise slider");
        c.put("testFraction", "train/test split");
        c.put("features", "input feature toggles");
        c.put("upload", "upload of the learner's own CSV data");
        c.put("layers", "hidden layer and unit buttons");
        c.put("activation", "activation picker");
        c.put("init", "initializer picker and its scale");
        c.put("batchNorm", "batch normalization switch");
        c.put("dropout", "dropout rate");
        c.put("optimizer", "optimizer picker and momentum");
        c.put("lr", "learning rate");
        c.put("batch", "batch size");
        c.put("regularization", "L1 and L2 strengths");
        c.put("clipNorm", "gradient clipping");
        c.put("epochs", "epoch limit");
        c.put("seed", "random seeds");
        c.put("findings", "the findings panel");
        c.put("export", "model and data downloads");
        return Collections.unmodifiableMap(c);
    }
}
