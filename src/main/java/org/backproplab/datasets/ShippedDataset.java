package org.backproplab.datasets;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.backproplab.engine.Task;

/**
 * A real dataset shipped under {@code src/main/resources/datasets/} (see the README there for source, license and
 * citation). The files are scikit-learn's copies, byte for byte: rows of numbers with the class index last; iris
 * and breast cancer start with a line {@code rows,columns,className...}, digits has no header line.
 */
enum ShippedDataset {

    DIGITS(new DatasetInfo("digits", Task.MULTICLASS, 64, 10, 1797, false, false, "Handwritten digits",
            "Small 8×8 pictures of handwritten digits 0 to 9. Each input is the ink in one of the 64 squares "
                    + "(0 to 16). The network has to tell which digit was written.",
            "UCI Machine Learning Repository: Optical Recognition of Handwritten Digits (E. Alpaydin, C. Kaynak, "
                    + "1998), test set as packaged by scikit-learn; CC BY 4.0"),
            "digits.csv.gz", false, pixelNames(), digitNames()),

    IRIS(new DatasetInfo("iris", Task.MULTICLASS, 4, 3, 150, false, false, "Iris flowers",
            "150 iris flowers of three species, measured by hand: length and width of the sepals and petals. "
                    + "One species is easy to separate, the other two overlap a little.",
            "R. A. Fisher (1936), as packaged by scikit-learn (the UCI Machine Learning Repository's Iris "
                    + "data with two rows corrected); CC BY 4.0"),
            "iris.csv", true,
            List.of("sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"), null),

    BREAST_CANCER(new DatasetInfo("breast-cancer", Task.BINARY, 30, 2, 569, false, false, "Breast cancer",
            "569 breast tissue samples described by 30 measurements of their cell nuclei taken from a "
                    + "microscope image. The network decides whether a lump is malignant (0) or benign (1).",
            "UCI Machine Learning Repository: Breast Cancer Wisconsin (Diagnostic) (W. H. Wolberg, W. N. "
                    + "Street, O. L. Mangasarian, 1995), as packaged by scikit-learn; CC BY 4.0"),
            "breast_cancer.csv", true, breastCancerNames(), null);

    private static final String RESOURCE_FOLDER = "/datasets/";

    private final DatasetInfo info;
    private final String resource;
    private final boolean countsHeader;
    private final List<String> featureNames;
    private final List<String> fixedClassNames;

    ShippedDataset(DatasetInfo info, String resource, boolean countsHeader, List<String> featureNames,
            List<String> fixedClassNames) {
        this.info = info;
        this.resource = resource;
        this.countsHeader = countsHeader;
        this.featureNames = featureNames;
        this.fixedClassNames = fixedClassNames;
    }

    /** The raw rows of a shipped file, with the class names found in it. */
    record Table(double[][] x, double[] y, List<String> featureNames, List<String> classNames) {
    }

    DatasetInfo info() {
        return info;
    }

    /** Reads and checks the file; the result is shared by every later request, so callers must not change it. */
    Table load() {
        try (InputStream stream = open(); BufferedReader reader = new BufferedReader(
                new InputStreamReader(stream, StandardCharsets.US_ASCII))) {
            List<String> classNames = fixedClassNames;
            String line = reader.readLine();
            if (countsHeader) {
                String[] header = line.split(",");
                checkCount("rows", Integer.parseInt(header[0].trim()), info.rows());
                checkCount("columns", Integer.parseInt(header[1].trim()), info.inputDimension());
                classNames = Arrays.stream(header, 2, header.length).map(String::trim).toList();
                line = reader.readLine();
            }
            checkCount("classes", classNames.size(), info.classes());
            List<double[]> rows = new ArrayList<>(info.rows());
            List<Double> labels = new ArrayList<>(info.rows());
            for (; line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",");
                checkCount("cells in row " + (rows.size() + 1), cells.length, info.inputDimension() + 1);
                double[] row = new double[info.inputDimension()];
                for (int c = 0; c < row.length; c++) {
                    row[c] = Double.parseDouble(cells[c].trim());
                }
                double label = Double.parseDouble(cells[row.length].trim());
                if (label != Math.rint(label) || label < 0 || label >= info.classes()) {
                    throw new IllegalStateException(resource + ": bad class " + label + " in row " + rows.size());
                }
                rows.add(row);
                labels.add(label);
            }
            checkCount("rows", rows.size(), info.rows());
            return new Table(rows.toArray(double[][]::new), labels.stream().mapToDouble(Double::doubleValue).toArray(),
                    featureNames, classNames);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read shipped dataset " + resource, e);
        }
    }

    private InputStream open() throws IOException {
        InputStream stream = ShippedDataset.class.getResourceAsStream(RESOURCE_FOLDER + resource);
        if (stream == null) {
            throw new IllegalStateException("shipped dataset missing from the classpath: " + resource);
        }
        return resource.endsWith(".gz") ? new GZIPInputStream(stream) : stream;
    }

    private void checkCount(String what, int found, int expected) {
        if (found != expected) {
            throw new IllegalStateException(
                    resource + ": expected " + expected + " " + what + ", found " + found);
        }
    }

    private static List<String> pixelNames() {
        List<String> names = new ArrayList<>(64);
        for (int row = 0; row < 8; row++) {
            for (int column = 0; column < 8; column++) {
                names.add("pixel_" + row + "_" + column);
            }
        }
        return List.copyOf(names);
    }

    private static List<String> digitNames() {
        return List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    }

    private static List<String> breastCancerNames() {
        List<String> measures = List.of("radius", "texture", "perimeter", "area", "smoothness", "compactness",
                "concavity", "concave points", "symmetry", "fractal dimension");
        List<String> names = new ArrayList<>(30);
        for (String statistic : List.of("mean %s", "%s error", "worst %s")) {
            for (String measure : measures) {
                names.add(statistic.formatted(measure));
            }
        }
        return List.copyOf(names);
    }
}
