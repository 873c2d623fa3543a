package org.backproplab.walkthroughs;

import java.util.List;

/**
 * A guided lesson, loaded from a Markdown file (see {@link WalkthroughParser} for the format).
 *
 * @param id      the file name without {@code .md}; the page lives at {@code /walkthroughs/<id>}
 * @param title   heading
 * @param summary one or two sentences for the list of walkthroughs
 * @param order   position in the list (smaller first; ties by id)
 * @param intro   Markdown before the first step, possibly empty
 * @param steps   at least one
 * @param source  where it was loaded from, for messages
 */
public record Walkthrough(String id, String title, String summary, int order, String intro, List<Step> steps,
                          String source) {

    public Walkthrough {
        steps = List.copyOf(steps);
    }
}
