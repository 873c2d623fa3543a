package org.backproplab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Which kernels this JVM runs. The build runs the engine's tests twice — with the Vector API module (SIMD kernels,
 * where the processor has 256-bit registers) and without it (plain loops) — and each run states which it expects in
 * {@code backproplab.simd.expected}, so that neither run can silently test the other's code.
 */
class SimdSupportTest {

    @Test
    void theExpectedKernelsRun() {
        boolean moduleLoaded = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        String expected = System.getProperty("backproplab.simd.expected");
        if (expected != null) {
            assertEquals(Boolean.parseBoolean(expected), SimdSupport.enabled(), SimdSupport.describe());
        }
        if (!moduleLoaded) {
            assertFalse(SimdSupport.enabled());
            assertTrue(SimdSupport.describe().contains("--add-modules jdk.incubator.vector"), SimdSupport.describe());
        } else if (SimdSupport.enabled()) {
            assertTrue(SimdSupport.describe().startsWith("SIMD kernels"), SimdSupport.describe());
        }
    }
}
