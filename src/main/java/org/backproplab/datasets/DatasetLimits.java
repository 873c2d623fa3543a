package org.backproplab.datasets;

/** The allowed ranges of the run contract's {@code dataset} fields and the limits on the learner's own data. */
public final class DatasetLimits {

    public static final int MIN_SAMPLES = 10;
    public static final int MAX_SAMPLES = 5000;
    public static final double MIN_NOISE = 0.0;
    public static final double MAX_NOISE = 0.5;
    public static final double MIN_TEST_FRACTION = 0.1;
    public static final double MAX_TEST_FRACTION = 0.9;

    /** Largest CSV upload, in bytes (5 MB). */
    public static final int MAX_CSV_BYTES = 5 * 1024 * 1024;
    /** Most data rows in the learner's data (CSV rows after the header; inline train plus test rows). */
    public static final int MAX_USER_ROWS = 10_000;
    /** Most columns in a CSV file, label included; inline data may have this many inputs. */
    public static final int MAX_USER_COLUMNS = 100;
    /** Most classes in the learner's data. */
    public static final int MAX_USER_CLASSES = 20;

    private DatasetLimits() {
    }
}
