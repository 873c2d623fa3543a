package org.backproplab.training.ui;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import org.backproplab.training.Pace;

/**
 * The lab's speed choices, URL parameter {@value #PARAMETER}. The default is slow enough to watch: the lab's default
 * run (500 epochs) then unfolds over ten seconds, at about 20 chart updates a second, instead of ending before the
 * first update. Full speed is there for long experiments.
 */
public enum LabSpeed {

    SLOW("slow", "Slow", 10),
    NORMAL("normal", "Normal", 50),
    FAST("fast", "Fast", 250),
    FULL("full", "Full speed", 0);

    public static final String PARAMETER = "speed";
    public static final LabSpeed DEFAULT = NORMAL;

    private final String id;
    private final String name;
    private final Pace pace;

    LabSpeed(String id, String name, int epochsPerSecond) {
        this.id = id;
        this.name = name;
        this.pace = Pace.epochsPerSecond(epochsPerSecond);
    }

    /** The URL value. */
    public String id() {
        return id;
    }

    public Pace pace() {
        return pace;
    }

    /** The name alone, e.g. "Normal". */
    public String title() {
        return name;
    }

    /** The name and its rate, e.g. "Normal · 50 epochs/s". */
    public String label() {
        return pace.limited() ? name + " · " + pace.epochsPerSecond() + " epochs/s" : name;
    }

    public static Optional<LabSpeed> fromId(String id) {
        return Arrays.stream(values()).filter(speed -> speed.id.equals(id)).findFirst();
    }

    /** The choice that trains at {@code pace}, or empty for a pace the menu does not offer. */
    public static Optional<LabSpeed> of(Pace pace) {
        return Arrays.stream(values()).filter(speed -> speed.pace.equals(pace)).findFirst();
    }

    /** The allowed URL values, for messages: "slow, normal, fast, full". */
    public static String ids() {
        return Arrays.stream(values()).map(LabSpeed::id).collect(Collectors.joining(", "));
    }
}
