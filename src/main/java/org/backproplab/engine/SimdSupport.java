package org.backproplab.engine;

/**
 * Whether training uses explicit SIMD code ({@link VectorKernels}, written with the JDK's Vector API) or the plain
 * loops of {@link MatrixKernels}. The Vector API still lives in an incubator module, which a JVM loads only when
 * started with {@code --add-modules jdk.incubator.vector}; without it (plain {@code java -jar}) the engine runs the
 * plain loops, which give the same results up to rounding. The explicit code is also skipped where the hardware has
 * no 256-bit vectors (the API would then emulate them slowly) and when the system property
 * {@code backproplab.simd=false} asks for the plain loops.
 *
 * <p>This class must not touch any {@code jdk.incubator.vector} type itself: it is what decides whether those
 * classes may be loaded at all.
 */
public final class SimdSupport {

    private static final String MODULE = "jdk.incubator.vector";

    /** Decided once, at class initialization; a constant to the JIT, which then drops the branch not taken. */
    static final boolean ENABLED = decide();

    private SimdSupport() {
    }

    /** True when training runs the explicit SIMD kernels. */
    public static boolean enabled() {
        return ENABLED;
    }

    /** One line for logs and benchmarks: which kernels run, and how to get the faster ones when they do not. */
    public static String describe() {
        if (ENABLED) {
            return "SIMD kernels (Vector API, " + VectorKernels.describeHardware() + ")";
        }
        if (!moduleLoaded()) {
            return "plain loops (start the JVM with --add-modules " + MODULE + " for the SIMD kernels)";
        }
        if (turnedOff()) {
            return "plain loops (backproplab.simd=false)";
        }
        return "plain loops (no 256-bit SIMD on this processor)";
    }

    private static boolean decide() {
        if (turnedOff() || !moduleLoaded()) {
            return false;
        }
        return VectorKernels.hardwareSupported();
    }

    private static boolean turnedOff() {
        return "false".equalsIgnoreCase(System.getProperty("backproplab.simd"));
    }

    private static boolean moduleLoaded() {
        return ModuleLayer.boot().findModule(MODULE).isPresent();
    }
}
