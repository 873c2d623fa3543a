package org.backproplab.datasets;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.backproplab.engine.Samples;
import org.backproplab.engine.Task;

/**
 * Reads the learner's CSV upload into {@link UserData}, all or nothing.
 *
 * <ul>
 *   <li>Cells are separated by commas (or by semicolons or tabs, when the first line has no comma); a cell may be
 *       wrapped in double quotes. Blank lines are skipped.</li>
 *   <li>The first line is a header when one of its input cells is not a number, or when only its label cell is
 *       text while every other row's label is a number.</li>
 *   <li>Input cells must be finite numbers. Labels may be numbers or words.</li>
 *   <li>The task is inferred unless given: labels that are exactly 0 and 1 → binary; up to 20 distinct integers →
 *       multiclass; other numbers → regression; words → binary for two distinct words, multiclass for more.
 *       Class labels are sorted (numbers by value, words alphabetically, numbers first) and numbered 0..K-1;
 *       the original labels become the class names.</li>
 *   <li>Limits: {@value DatasetLimits#MAX_CSV_BYTES} bytes, {@value DatasetLimits#MAX_USER_ROWS} data rows,
 *       {@value DatasetLimits#MAX_USER_COLUMNS} columns, {@value DatasetLimits#MAX_USER_CLASSES} classes.</li>
 * </ul>
 * Rows and columns in messages count from 1, as a spreadsheet shows them; the row is the line number in the file.
 * The inputs are marked for standardization with the training split's statistics.
 */
public final class CsvParser {

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern NON_FINITE = Pattern.compile("[+-]?(nan|inf|infinity)",
            Pattern.CASE_INSENSITIVE);

    private CsvParser() {
    }

    /**
     * Parses an uploaded file, enforcing the 5 MB limit before anything else.
     *
     * @param labelColumn   index of the label column counting from 0, or null for the last column
     * @param taskOverride  the task to use, or null to infer it from the labels
     */
    public static UserData parse(byte[] bytes, String name, Integer labelColumn, Task taskOverride) {
        if (bytes == null || bytes.length == 0) {
            throw emptyFile();
        }
        if (bytes.length > DatasetLimits.MAX_CSV_BYTES) {
            throw tooLarge(bytes.length, "bytes");
        }
        return parse(new String(bytes, StandardCharsets.UTF_8), name, labelColumn, taskOverride);
    }

    /**
     * Parses CSV text.
     *
     * @param labelColumn   index of the label column counting from 0, or null for the last column
     * @param taskOverride  the task to use, or null to infer it from the labels
     * @throws DatasetException naming the row and column of the first problem
     */
    public static UserData parse(String text, String name, Integer labelColumn, Task taskOverride) {
        if (text == null || text.isBlank()) {
            throw emptyFile();
        }
        if (text.length() > DatasetLimits.MAX_CSV_BYTES) {
            throw tooLarge(text.length(), "characters");
        }
        List<Line> lines = nonBlankLines(text.startsWith("\uFEFF") ? text.substring(1) : text);
        char separator = separatorOf(lines.get(0).text());
        List<List<String>> rows = new ArrayList<>(lines.size());
        int columns = -1;
        for (Line line : lines) {
            List<String> cells = splitCells(line, separator);
            if (columns < 0) {
                columns = cells.size();
                if (columns > DatasetLimits.MAX_USER_COLUMNS) {
                    throw new DatasetException(rowField(line.number()), rowField(line.number()) + ": " + columns
                            + " columns; at most " + DatasetLimits.MAX_USER_COLUMNS + " are allowed");
                }
                if (columns < 2) {
                    throw new DatasetException(rowField(line.number()), rowField(line.number())
                            + ": only one column; a file needs at least one input column and a label column");
                }
            } else if (cells.size() != columns) {
                throw new DatasetException(rowField(line.number()), rowField(line.number()) + ": " + cells.size()
                        + " cells, expected " + columns + " like the first row");
            }
            rows.add(cells);
        }
        int label = labelColumn == null ? columns - 1 : labelColumn;
        if (label < 0 || label >= columns) {
            throw new DatasetException("csv label column", "csv label column must be 0.." + (columns - 1)
                    + " (counting from 0), was " + label);
        }
        return new Reader(lines, rows, columns, label).read(name == null || name.isBlank() ? "upload" : name,
                taskOverride);
    }

    /** Turns the split cells into numbers, labels and a task; everything that is checked per cell lives here. */
    private static final class Reader {
        private final List<Line> lines;
        private final List<List<String>> rows;
        private final int columns;
        private final int labelColumn;
        private final List<String> header;

        Reader(List<Line> lines, List<List<String>> rows, int columns, int labelColumn) {
            this.lines = lines;
            this.rows = rows;
            this.columns = columns;
            this.labelColumn = labelColumn;
            this.header = isHeader() ? rows.get(0) : null;
        }

        UserData read(String name, Task taskOverride) {
            int first = header == null ? 0 : 1;
            int dataRows = rows.size() - first;
            if (dataRows == 0) {
                throw new DatasetException("csv", "csv: the file has a header but no data rows");
            }
            if (dataRows > DatasetLimits.MAX_USER_ROWS) {
                int lineNumber = lines.get(first + DatasetLimits.MAX_USER_ROWS).number();
                throw new DatasetException(rowField(lineNumber), rowField(lineNumber) + ": more than "
                        + DatasetLimits.MAX_USER_ROWS + " data rows; at most " + DatasetLimits.MAX_USER_ROWS
                        + " are allowed");
            }
            if (dataRows < 2) {
                throw new DatasetException("csv", "csv: only one data row; at least 2 are needed (one to train "
                        + "on, one to test on)");
            }
            double[][] x = new double[dataRows][columns - 1];
            List<String> labels = new ArrayList<>(dataRows);
            for (int r = 0; r < dataRows; r++) {
                List<String> cells = rows.get(first + r);
                int lineNumber = lines.get(first + r).number();
                int input = 0;
                for (int c = 0; c < columns; c++) {
                    if (c == labelColumn) {
                        labels.add(requireLabel(cells.get(c), lineNumber, c));
                    } else {
                        x[r][input++] = requireNumber(cells.get(c), lineNumber, c);
                    }
                }
            }
            Labels encoded = encodeLabels(labels, first, taskOverride);
            return new UserData(name, encoded.task(), encoded.classNames().size(), new Samples(x, encoded.y()),
                    null, featureNames(), encoded.classNames(), true);
        }

        private boolean isHeader() {
            List<String> firstRow = rows.get(0);
            for (int c = 0; c < columns; c++) {
                if (c != labelColumn && !looksNumeric(firstRow.get(c))) {
                    return true;
                }
            }
            if (looksNumeric(firstRow.get(labelColumn))) {
                return false;
            }
            // Only the first label is text: a header if every other label is a number.
            for (int r = 1; r < rows.size(); r++) {
                if (!looksNumeric(rows.get(r).get(labelColumn))) {
                    return false;
                }
            }
            return rows.size() > 1;
        }

        private double requireNumber(String cell, int lineNumber, int column) {
            if (cell.isEmpty()) {
                throw cellError(lineNumber, column, "the cell is empty; every input cell needs a number");
            }
            if (NON_FINITE.matcher(cell).matches()) {
                throw cellError(lineNumber, column, "'" + cell + "' is not a finite number");
            }
            if (!NUMBER.matcher(cell).matches()) {
                throw cellError(lineNumber, column, "'" + abbreviate(cell) + "' is not a number");
            }
            double value = Double.parseDouble(cell);
            if (!Double.isFinite(value)) {
                throw cellError(lineNumber, column, "'" + abbreviate(cell) + "' is not a finite number");
            }
            return value;
        }

        private String requireLabel(String cell, int lineNumber, int column) {
            if (cell.isEmpty()) {
                throw cellError(lineNumber, column, "the label is empty");
            }
            if (NON_FINITE.matcher(cell).matches()
                    || NUMBER.matcher(cell).matches() && !Double.isFinite(Double.parseDouble(cell))) {
                throw cellError(lineNumber, column, "'" + cell + "' is not a finite number");
            }
            return cell;
        }

        private record Labels(Task task, double[] y, List<String> classNames) {
        }

        private Labels encodeLabels(List<String> labels, int first, Task override) {
            int firstText = -1;
            for (int r = 0; r < labels.size() && firstText < 0; r++) {
                if (!NUMBER.matcher(labels.get(r)).matches()) {
                    firstText = r;
                }
            }
            if (firstText >= 0 && override == Task.REGRESSION) {
                throw cellError(lines.get(first + firstText).number(), labelColumn, "'"
                        + abbreviate(labels.get(firstText)) + "' is not a number; a regression target must be one");
            }
            // Distinct labels in class order: numbers by value first, then words alphabetically.
            Map<LabelKey, String> distinct = new TreeMap<>();
            for (String label : labels) {
                distinct.putIfAbsent(LabelKey.of(label), label);
            }
            Task task = override != null ? override : inferTask(distinct.keySet(), firstText >= 0);
            if (task == Task.REGRESSION) {
                double[] y = labels.stream().mapToDouble(Double::parseDouble).toArray();
                return new Labels(task, y, List.of());
            }
            String where = columnField(labelColumn);
            if (distinct.size() < 2) {
                throw new DatasetException(where, where + ": every row has the label '" + abbreviate(labels.get(0))
                        + "'; only one class, a classifier needs at least two");
            }
            if (task == Task.BINARY && distinct.size() != 2) {
                throw new DatasetException(where, where + ": " + distinct.size()
                        + " different labels; a binary task needs exactly two");
            }
            if (distinct.size() > DatasetLimits.MAX_USER_CLASSES) {
                throw new DatasetException(where, where + ": " + distinct.size() + " different labels; too many "
                        + "classes, at most " + DatasetLimits.MAX_USER_CLASSES + " are allowed");
            }
            Map<LabelKey, Integer> index = new LinkedHashMap<>();
            for (LabelKey key : distinct.keySet()) {
                index.put(key, index.size());
            }
            double[] y = labels.stream().mapToDouble(label -> index.get(LabelKey.of(label))).toArray();
            return new Labels(task, y, List.copyOf(distinct.values()));
        }

        private static Task inferTask(Iterable<LabelKey> distinct, boolean hasText) {
            int count = 0;
            boolean integers = true;
            boolean zeroOne = true;
            for (LabelKey key : distinct) {
                count++;
                integers &= key.isInteger();
                zeroOne &= key.isNumber() && (key.number() == 0 || key.number() == 1);
            }
            if (hasText) {
                return count == 2 ? Task.BINARY : Task.MULTICLASS;
            }
            if (zeroOne) {
                return Task.BINARY;
            }
            return integers && count <= DatasetLimits.MAX_USER_CLASSES ? Task.MULTICLASS : Task.REGRESSION;
        }

        private List<String> featureNames() {
            List<String> names = new ArrayList<>(columns - 1);
            for (int c = 0; c < columns; c++) {
                if (c != labelColumn) {
                    String headerName = header == null ? "" : header.get(c);
                    names.add(headerName.isEmpty() ? "x" + (names.size() + 1) : headerName);
                }
            }
            return names;
        }

        private DatasetException cellError(int lineNumber, int column, String problem) {
            String field = rowField(lineNumber) + ", column " + (column + 1);
            String named = header != null && !header.get(column).isEmpty()
                    ? " (" + abbreviate(header.get(column)) + ")" : "";
            return new DatasetException(field, field + named + ": " + problem);
        }

        private String columnField(int column) {
            return "csv column " + (column + 1);
        }
    }

    /** A label's sort key: numbers (by value) before words (alphabetical). */
    private record LabelKey(boolean isNumber, double number, String word) implements Comparable<LabelKey> {

        private static final Comparator<LabelKey> ORDER = Comparator.comparing((LabelKey key) -> !key.isNumber)
                .thenComparingDouble(LabelKey::number).thenComparing(LabelKey::word);

        static LabelKey of(String label) {
            return NUMBER.matcher(label).matches() ? new LabelKey(true, Double.parseDouble(label), "")
                    : new LabelKey(false, 0, label);
        }

        boolean isInteger() {
            return isNumber && number == Math.rint(number);
        }

        @Override
        public int compareTo(LabelKey other) {
            return ORDER.compare(this, other);
        }
    }

    private record Line(int number, String text) {
    }

    private static List<Line> nonBlankLines(String text) {
        String[] raw = text.split("\r\n|\r|\n", -1);
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < raw.length; i++) {
            if (!raw[i].isBlank()) {
                lines.add(new Line(i + 1, raw[i]));
            }
        }
        return lines;
    }

    /** A comma if the first line has one outside quotes, else a semicolon, else a tab, else a comma. */
    private static char separatorOf(String firstLine) {
        boolean quoted = false;
        boolean semicolon = false;
        boolean tab = false;
        for (int i = 0; i < firstLine.length(); i++) {
            char ch = firstLine.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (!quoted && ch == ',') {
                return ',';
            } else if (!quoted) {
                semicolon |= ch == ';';
                tab |= ch == '\t';
            }
        }
        return semicolon ? ';' : tab ? '\t' : ',';
    }

    /** Splits one line; a quoted cell may contain the separator, and {@code ""} inside quotes is one quote. */
    private static List<String> splitCells(Line line, char separator) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        String text = line.text();
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"' && cell.toString().isBlank()) {
                quoted = true;
                cell.setLength(0);
            } else if (ch == separator) {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        if (quoted) {
            throw new DatasetException(rowField(line.number()), rowField(line.number())
                    + ": a quoted cell is not closed (cells cannot span lines)");
        }
        cells.add(cell.toString().strip());
        return cells;
    }

    private static boolean looksNumeric(String cell) {
        // Empty and non-finite cells count as numbers here so that they are reported as such, not taken for a header.
        return cell.isEmpty() || NUMBER.matcher(cell).matches() || NON_FINITE.matcher(cell).matches();
    }

    private static String rowField(int lineNumber) {
        return "csv row " + lineNumber;
    }

    private static String abbreviate(String cell) {
        return cell.length() <= 40 ? cell : cell.substring(0, 37) + "...";
    }

    private static DatasetException emptyFile() {
        return new DatasetException("csv", "csv: the file is empty");
    }

    private static DatasetException tooLarge(long size, String unit) {
        return new DatasetException("csv", "csv: the file has " + size + " " + unit + "; at most 5 MB ("
                + DatasetLimits.MAX_CSV_BYTES + " " + unit + ") are allowed");
    }
}
