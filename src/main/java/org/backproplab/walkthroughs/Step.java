package org.backproplab.walkthroughs;

import org.backproplab.config.RunConfig;

/**
 * One step of a walkthrough.
 *
 * @param number      1-based position in the walkthrough
 * @param title       heading
 * @param fix         true for a step that repairs what an earlier step broke (heading "Fix: ...")
 * @param text        the explanation, Markdown
 * @param presetId    id of this step's preset in the preset catalogue ({@code <walkthrough>-<number>}), or null
 * @param presetQuery the preset as written, a lab query string, or null
 * @param preset      the preset parsed (defaults filled in), or null when the step has none
 * @param runLabel    label of the button that loads the preset into the lab and starts it ("Run ..."), or null
 * @param chart       element id of the chart to look at, or null
 * @param expect      what the learner should see, or null
 * @param check       a condition the lab ticks off when the learner's run shows it, or null
 * @param widget      an explainer to embed, or null
 * @param phase       the step-through phase the text explains (only with the backprop stepper), or null
 */
public record Step(int number, String title, boolean fix, String text, String presetId, String presetQuery,
                   RunConfig preset, String runLabel, String chart, String expect, StepCheck check, Widget widget,
                   BackpropPhase phase) {

    public boolean hasPreset() {
        return preset != null;
    }
}
