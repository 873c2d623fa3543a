package org.backproplab.walkthroughs;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.backproplab.config.FieldError;
import org.backproplab.config.RunConfig;
import org.backproplab.config.RunConfigUrl;
import org.backproplab.config.RunConfigValidator;
import org.backproplab.diagnosis.Charts;

/**
 * Reads one walkthrough file. The format is Markdown with a small front matter:
 *
 * <pre>
 * ---
 * title: Dead ReLU units
 * summary: Push the learning rate too high and watch ReLU units switch off for good.
 * order: 4
 * ---
 * Optional introduction (Markdown).
 *
 * ## Break it
 * preset: dataset=circle&amp;layers=8,8,8,8,8&amp;activation=relu&amp;init=he&amp;lr=1
 * run: Run with learning rate 1
 * chart: dead-chart
 * expect: Within a few epochs most units of the upper layers stop firing.
 * check: FINDING:DEAD_RELU
 *
 * The step's text (Markdown) follows the first blank line.
 *
 * ## Fix: Lower the learning rate
 * ...
 * </pre>
 *
 * A line starting with {@code ## } starts a step (a title starting with {@code Fix:} marks a fix step). The lines
 * right after the heading, up to the first blank line, are {@code key: value} settings; everything else is the
 * step's text. The walkthrough's id is the file name without {@code .md}. Unknown keys, missing values, presets
 * the lab would reject, unknown charts or checks are errors naming the file and line.
 */
public final class WalkthroughParser {

    public static final List<String> FRONT_MATTER_KEYS = List.of("title", "summary", "order");
    public static final List<String> STEP_KEYS = List.of("preset", "run", "chart", "expect", "check", "show", "phase");

    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern SETTING = Pattern.compile("([A-Za-z][A-Za-z_-]*)\\s*:\\s?(.*)");
    private static final String FIX_PREFIX = "Fix:";

    private final RunConfigValidator validator;

    public WalkthroughParser(RunConfigValidator validator) {
        this.validator = validator;
    }

    /**
     * @param source   the file name (ending in {@code .md}); its base name becomes the id
     * @param markdown the file's content
     * @throws WalkthroughFormatException listing every problem found
     */
    public Walkthrough parse(String source, String markdown) {
        Problems problems = new Problems(source);
        String id = source.substring(source.lastIndexOf('/') + 1).replaceFirst("\\.md$", "");
        if (!ID.matcher(id).matches()) {
            problems.add(0, "the file name must be lower-case words joined by '-', ending in .md (it becomes the id)");
        }
        List<String> lines = markdown.lines().toList();
        Map<String, Setting> front = new LinkedHashMap<>();
        int index = readFrontMatter(lines, front, problems);

        StringBuilder intro = new StringBuilder();
        while (index < lines.size() && !isStepHeading(lines.get(index))) {
            intro.append(lines.get(index)).append('\n');
            index++;
        }
        List<Step> steps = new ArrayList<>();
        while (index < lines.size()) {
            index = readStep(id, lines, index, steps, problems);
        }
        if (steps.isEmpty()) {
            problems.add(0, "a walkthrough needs at least one step (a line starting with '## ')");
        }

        String title = required(front, "title", problems);
        String summary = required(front, "summary", problems);
        int order = 100;
        Setting orderSetting = front.get("order");
        if (orderSetting != null) {
            try {
                order = Integer.parseInt(orderSetting.value());
            } catch (NumberFormatException e) {
                problems.add(orderSetting.line(), "order must be a whole number, was '" + orderSetting.value() + "'");
            }
        }
        problems.throwIfAny();
        return new Walkthrough(id, title, summary, order, intro.toString().strip(), steps, source);
    }

    private record Setting(String value, int line) {
    }

    /** Reads the block between the two '---' lines; returns the index of the first line after it. */
    private static int readFrontMatter(List<String> lines, Map<String, Setting> front, Problems problems) {
        if (lines.isEmpty() || !lines.getFirst().strip().equals("---")) {
            problems.add(1, "a walkthrough starts with a front matter block: a '---' line, title: and summary:, "
                    + "and another '---' line");
            return 0;
        }
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.strip().equals("---")) {
                return i + 1;
            }
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            readSetting(line, i + 1, FRONT_MATTER_KEYS, front, problems);
        }
        problems.add(1, "the front matter is not closed by a '---' line");
        return lines.size();
    }

    private static void readSetting(String line, int lineNumber, List<String> allowed, Map<String, Setting> into,
                                    Problems problems) {
        var matcher = SETTING.matcher(line.strip());
        if (!matcher.matches()) {
            problems.add(lineNumber, "expected 'key: value', was '" + line.strip() + "'");
            return;
        }
        String key = matcher.group(1);
        String value = matcher.group(2).strip();
        if (!allowed.contains(key)) {
            problems.add(lineNumber, "unknown key '" + key + "'; allowed: " + String.join(", ", allowed));
        } else if (into.containsKey(key)) {
            problems.add(lineNumber, "key '" + key + "' is given twice");
        } else if (value.isEmpty()) {
            problems.add(lineNumber, "key '" + key + "' has no value");
        } else {
            into.put(key, new Setting(value, lineNumber));
        }
    }

    private static boolean isStepHeading(String line) {
        return line.startsWith("## ");
    }

    /** Reads the step whose heading is at {@code index}; returns the index of the next step's heading (or the end). */
    private int readStep(String walkthroughId, List<String> lines, int index, List<Step> steps, Problems problems) {
        int headingLine = index + 1;
        String heading = lines.get(index).substring(3).strip();
        boolean fix = heading.regionMatches(true, 0, FIX_PREFIX, 0, FIX_PREFIX.length());
        String title = fix ? heading.substring(FIX_PREFIX.length()).strip() : heading;
        if (title.isEmpty()) {
            problems.add(headingLine, "the step needs a title after '## '");
        }
        index++;
        Map<String, Setting> settings = new LinkedHashMap<>();
        while (index < lines.size() && !lines.get(index).isBlank() && !isStepHeading(lines.get(index))) {
            readSetting(lines.get(index), index + 1, STEP_KEYS, settings, problems);
            index++;
        }
        StringBuilder text = new StringBuilder();
        while (index < lines.size() && !isStepHeading(lines.get(index))) {
            text.append(lines.get(index)).append('\n');
            index++;
        }
        int number = steps.size() + 1;
        if (text.toString().isBlank()) {
            problems.add(headingLine, "step '" + title + "' has no text (write it after a blank line below its settings)");
        }

        Setting presetSetting = settings.get("preset");
        RunConfig preset = presetSetting == null ? null : parsePreset(presetSetting, problems);
        String runLabel = value(settings, "run");
        if (presetSetting != null && runLabel == null) {
            problems.add(headingLine, "step '" + title + "' has a preset but no 'run:' button label");
        }
        if (runLabel != null && !runLabel.startsWith("Run")) {
            problems.add(settings.get("run").line(), "the run button label must start with 'Run', was '" + runLabel + "'");
        }
        if (runLabel != null && presetSetting == null) {
            problems.add(settings.get("run").line(), "a 'run:' button needs a 'preset:' to run");
        }
        String chart = value(settings, "chart");
        if (chart != null && !Charts.ALL.contains(chart)) {
            problems.add(settings.get("chart").line(), "unknown chart '" + chart + "'; allowed: " + String.join(", ", Charts.ALL));
        }
        StepCheck check = null;
        if (settings.containsKey("check")) {
            try {
                check = StepCheck.parse(settings.get("check").value());
            } catch (IllegalArgumentException e) {
                problems.add(settings.get("check").line(), e.getMessage());
            }
        }
        Widget widget = null;
        if (settings.containsKey("show")) {
            Setting show = settings.get("show");
            widget = Widget.fromId(show.value()).orElse(null);
            if (widget == null) {
                problems.add(show.line(), "unknown widget '" + show.value() + "'; allowed: " + String.join(", ", Widget.ids()));
            }
        }
        BackpropPhase phase = null;
        if (settings.containsKey("phase")) {
            Setting phaseSetting = settings.get("phase");
            phase = BackpropPhase.fromId(phaseSetting.value()).orElse(null);
            if (phase == null) {
                problems.add(phaseSetting.line(), "unknown phase '" + phaseSetting.value() + "'; allowed: "
                        + String.join(", ", BackpropPhase.ids()));
            } else if (widget != Widget.BACKPROP_STEPPER && (widget != null || !settings.containsKey("show"))) {
                problems.add(phaseSetting.line(), "'phase:' applies only with 'show: " + Widget.BACKPROP_STEPPER.id() + "'");
            }
        }
        String presetId = presetSetting == null ? null : walkthroughId + "-" + number;
        steps.add(new Step(number, title, fix, text.toString().strip(), presetId,
                presetSetting == null ? null : presetSetting.value(), preset, runLabel, chart, value(settings, "expect"),
                check, widget, phase));
        return index;
    }

    /** A preset is a lab query string; every parameter must be known and valid (a typo must not pass silently). */
    private RunConfig parsePreset(Setting setting, Problems problems) {
        String query = setting.value().startsWith("?") ? setting.value().substring(1) : setting.value();
        boolean ok = true;
        for (String pair : query.split("&")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (eq < 0) {
                problems.add(setting.line(), "preset parameter '" + name + "' has no '=value'");
                ok = false;
            } else if (!RunConfigUrl.PARAMETERS.contains(name)) {
                problems.add(setting.line(), "unknown preset parameter '" + name + "'; allowed: "
                        + String.join(", ", RunConfigUrl.PARAMETERS));
                ok = false;
            }
        }
        RunConfigUrl.Parsed parsed = RunConfigUrl.parse(query, validator);
        for (FieldError error : parsed.errors()) {
            problems.add(setting.line(), "bad preset: " + error.field() + ": "
                    + error.message().replace("; using the default", ""));
            ok = false;
        }
        return ok ? parsed.config() : null;
    }

    private static String value(Map<String, Setting> settings, String key) {
        Setting setting = settings.get(key);
        return setting == null ? null : setting.value();
    }

    private static String required(Map<String, Setting> front, String key, Problems problems) {
        Setting setting = front.get(key);
        if (setting == null) {
            problems.add(1, "the front matter needs '" + key + ":'");
            return null;
        }
        return setting.value();
    }

    /** Collects problems of one file. */
    private static final class Problems {
        private final String source;
        private final List<WalkthroughFormatException.Problem> list = new ArrayList<>();

        Problems(String source) {
            this.source = source;
        }

        void add(int line, String message) {
            list.add(new WalkthroughFormatException.Problem(source, line, message));
        }

        void throwIfAny() {
            if (!list.isEmpty()) {
                throw new WalkthroughFormatException(list);
            }
        }
    }
}
