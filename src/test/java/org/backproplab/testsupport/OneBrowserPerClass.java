package org.backproplab.testsupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of the browser test classes: one headless Chromium ({@link Chromium#start()}, skipped or failed as it
 * decides when Chromium is missing) started before the class's first test and closed after its last. A subclass
 * may add its own {@code @BeforeAll} (under another name); JUnit runs it after this one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class OneBrowserPerClass {

    protected Chromium chromium;

    @BeforeAll
    void startChromium() {
        chromium = Chromium.start();
    }

    @AfterAll
    void closeChromium() {
        if (chromium != null) {
            chromium.close();
        }
    }
}
