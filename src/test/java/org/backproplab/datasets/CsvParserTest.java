package org.backproplab.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.backproplab.engine.Task;
import org.junit.jupiter.api.Test;

class CsvParserTest {

    private static UserData parse(String text) {
        return CsvParser.parse(text, "test.csv", null, null);
    }

    private static DatasetException rejected(String text) {
        return assertThrows(DatasetException.class, () -> parse(text));
    }

    // --- good input -------------------------------------------------------------------------------------------

    @Test
    void headerIsDetectedAndZeroOneLabelsMeanBinary() {
        UserData data = parse("height,weight,sick\n1.8,80,0\n1.6,55,1\n1.7,70,0\n");
        assertEquals(Task.BINARY, data.task());
        assertEquals(2, data.classes());
        assertEquals(List.of("height", "weight"), data.featureNames());
        assertEquals(3, data.train().size());
        assertArrayEquals(new double[] {1.6, 55}, data.train().x()[1], 0.0);
        assertArrayEquals(new double[] {0, 1, 0}, data.train().y(), 0.0);
        assertNull(data.test());
        assertTrue(data.standardize());
        assertEquals("test.csv", data.name());
    }

    @Test
    void withoutHeaderColumnsGetGenericNames() {
        UserData data = parse("1,2,0\n3,4,1\n");
        assertEquals(List.of("x1", "x2"), data.featureNames());
        assertEquals(2, data.train().size());
    }

    @Test
    void smallIntegerLabelsMeanMulticlassMappedInSortedOrder() {
        UserData data = parse("0.1,7\n0.2,3\n0.3,9\n0.4,3\n");
        assertEquals(Task.MULTICLASS, data.task());
        assertEquals(3, data.classes());
        assertEquals(List.of("3", "7", "9"), data.classNames());
        assertArrayEquals(new double[] {1, 0, 2, 0}, data.train().y(), 0.0);
    }

    @Test
    void fractionalLabelsMeanRegression() {
        UserData data = parse("x,y\n1,0.5\n2,1.25\n3,-3\n");
        assertEquals(Task.REGRESSION, data.task());
        assertEquals(0, data.classes());
        assertArrayEquals(new double[] {0.5, 1.25, -3}, data.train().y(), 0.0);
    }

    @Test
    void wordLabelsBecomeClassesAndAHeaderIsStillFound() {
        UserData words = parse("5.1,3.5,setosa\n7.0,3.2,versicolor\n6.3,3.3,virginica\n4.9,3.0,setosa\n");
        assertEquals(Task.MULTICLASS, words.task());
        assertEquals(List.of("setosa", "versicolor", "virginica"), words.classNames());
        assertArrayEquals(new double[] {0, 1, 2, 0}, words.train().y(), 0.0);
        assertEquals(4, words.train().size(), "no header: the first row's words are only in the label column");

        UserData two = parse("a,b,kind\n1,2,cat\n3,4,dog\n");
        assertEquals(Task.BINARY, two.task());
        assertEquals(List.of("cat", "dog"), two.classNames());
    }

    @Test
    void labelColumnCanBeChosenAndTaskOverridden() {
        UserData data = CsvParser.parse("label,a,b\n2,0.5,1\n1,0.7,2\n2,0.1,3\n", "f", 0, Task.REGRESSION);
        assertEquals(Task.REGRESSION, data.task());
        assertEquals(List.of("a", "b"), data.featureNames());
        assertArrayEquals(new double[] {2, 1, 2}, data.train().y(), 0.0);

        UserData binary = CsvParser.parse("1,2\n3,1\n5,2\n", "f", null, Task.BINARY);
        assertEquals(Task.BINARY, binary.task());
        assertArrayEquals(new double[] {1, 0, 1}, binary.train().y(), 0.0);
        assertEquals(List.of("1", "2"), binary.classNames());
    }

    @Test
    void semicolonsQuotesWindowsLineEndsAndBlankLinesAreHandled() {
        UserData data = parse("\uFEFF\"first, name\";\"second\"\"\";y\r\n1;2;0\r\n\r\n3;4;1\r\n");
        assertEquals(List.of("first, name", "second\""), data.featureNames());
        assertEquals(2, data.train().size());
    }

    @Test
    void bytesAreParsedAsUtf8() {
        UserData data = CsvParser.parse("größe,y\n1,0\n2,1\n".getBytes(StandardCharsets.UTF_8), "u.csv", null,
                null);
        assertEquals(List.of("größe"), data.featureNames());
    }

    @Test
    void uploadedDataIsStandardizedAndSplitByTheCatalogue() {
        StringBuilder csv = new StringBuilder("a,b,c,label\n");
        for (int i = 0; i < 40; i++) {
            csv.append(i).append(',').append(i * 100).append(',').append(i % 5).append(',').append(i % 2)
                    .append('\n');
        }
        PreparedDataset prepared = new DatasetCatalog().fromUserData(parse(csv.toString()), 0.25, 3);
        assertEquals(30, prepared.train().size());
        assertEquals(10, prepared.test().size());
        assertEquals(List.of("a", "b", "c"), prepared.featureNames());
        double mean = 0;
        for (double[] row : prepared.train().x()) {
            mean += row[1] / prepared.train().size();
        }
        assertEquals(0, mean, 1e-9);
        assertEquals(5, java.util.Arrays.stream(prepared.test().y()).filter(y -> y == 1).count());
    }

    // --- one test per kind of bad input -------------------------------------------------------------------------

    @Test
    void emptyFile() {
        assertEquals("csv: the file is empty", rejected("").getMessage());
        assertEquals("csv: the file is empty", rejected(" \n\n").getMessage());
        assertEquals("csv: the file is empty",
                assertThrows(DatasetException.class, () -> CsvParser.parse(new byte[0], "f", null, null))
                        .getMessage());
    }

    @Test
    void headerWithoutData() {
        assertEquals("csv: the file has a header but no data rows", rejected("a,b,label\n").getMessage());
    }

    @Test
    void nonNumericCell() {
        DatasetException e = rejected("a,b,y\n1,2,0\n3,abc,1\n");
        assertEquals("csv row 3, column 2", e.field());
        assertEquals("csv row 3, column 2 (b): 'abc' is not a number", e.getMessage());
    }

    @Test
    void emptyCell() {
        DatasetException e = rejected("1,2,0\n3,,1\n");
        assertEquals("csv row 2, column 2: the cell is empty; every input cell needs a number", e.getMessage());
    }

    @Test
    void raggedRow() {
        DatasetException e = rejected("a,b,y\n1,2,0\n3,4\n5,6,1\n");
        assertEquals("csv row 3", e.field());
        assertEquals("csv row 3: 2 cells, expected 3 like the first row", e.getMessage());
    }

    @Test
    void notANumber() {
        DatasetException e = rejected("a,b,y\n1,2,0\n3,NaN,1\n");
        assertEquals("csv row 3, column 2 (b): 'NaN' is not a finite number", e.getMessage());
    }

    @Test
    void infinity() {
        assertEquals("csv row 2, column 1: '-Infinity' is not a finite number",
                rejected("1,2,0\n-Infinity,4,1\n").getMessage());
        assertEquals("csv row 1, column 2: '1e999' is not a finite number",
                rejected("1,1e999,0\n3,4,1\n").getMessage());
        assertEquals("csv row 2, column 3 (y): 'inf' is not a finite number",
                rejected("a,b,y\n1,2,inf\n3,4,1\n").getMessage());
    }

    @Test
    void oneClassOnly() {
        DatasetException e = rejected("a,b,y\n1,2,1\n3,4,1\n");
        assertEquals("csv column 3", e.field());
        assertEquals("csv column 3: every row has the label '1'; only one class, a classifier needs at least two",
                e.getMessage());
    }

    @Test
    void tooManyClasses() {
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 21; i++) {
            csv.append(i).append(",class").append(i).append('\n');
        }
        DatasetException e = rejected(csv.toString());
        assertEquals("csv column 2: 21 different labels; too many classes, at most 20 are allowed", e.getMessage());
        DatasetException forced = assertThrows(DatasetException.class,
                () -> CsvParser.parse(csv.toString().replace("class", ""), "f", null, Task.MULTICLASS));
        assertEquals("csv column 2: 21 different labels; too many classes, at most 20 are allowed",
                forced.getMessage());
    }

    @Test
    void binaryOverrideNeedsExactlyTwoLabels() {
        DatasetException e = assertThrows(DatasetException.class,
                () -> CsvParser.parse("1,0\n2,1\n3,2\n", "f", null, Task.BINARY));
        assertEquals("csv column 2: 3 different labels; a binary task needs exactly two", e.getMessage());
    }

    @Test
    void wordLabelForRegression() {
        DatasetException e = assertThrows(DatasetException.class,
                () -> CsvParser.parse("1,low\n2,high\n", "f", null, Task.REGRESSION));
        assertEquals("csv row 1, column 2: 'low' is not a number; a regression target must be one", e.getMessage());
    }

    @Test
    void emptyLabel() {
        assertEquals("csv row 2, column 3: the label is empty", rejected("1,2,0\n3,4,\n").getMessage());
    }

    @Test
    void tooManyRows() {
        StringBuilder csv = new StringBuilder("a,y\n");
        for (int i = 0; i < 10_001; i++) {
            csv.append(i).append(',').append(i % 2).append('\n');
        }
        DatasetException e = rejected(csv.toString());
        assertEquals("csv row 10002", e.field());
        assertEquals("csv row 10002: more than 10000 data rows; at most 10000 are allowed", e.getMessage());
    }

    @Test
    void tooManyColumns() {
        String row = "1,".repeat(100) + "0\n";
        DatasetException e = rejected(row + row);
        assertEquals("csv row 1: 101 columns; at most 100 are allowed", e.getMessage());
    }

    @Test
    void tooLarge() {
        byte[] bytes = new byte[DatasetLimits.MAX_CSV_BYTES + 1];
        java.util.Arrays.fill(bytes, (byte) '1');
        DatasetException e = assertThrows(DatasetException.class, () -> CsvParser.parse(bytes, "big", null, null));
        assertEquals("csv: the file has 5242881 bytes; at most 5 MB (5242880 bytes) are allowed", e.getMessage());
    }

    @Test
    void singleColumn() {
        assertEquals("csv row 1: only one column; a file needs at least one input column and a label column",
                rejected("1\n2\n").getMessage());
    }

    @Test
    void singleDataRow() {
        assertEquals("csv: only one data row; at least 2 are needed (one to train on, one to test on)",
                rejected("a,y\n1,0\n").getMessage());
    }

    @Test
    void labelColumnOutOfRange() {
        DatasetException e = assertThrows(DatasetException.class,
                () -> CsvParser.parse("1,2,0\n3,4,1\n", "f", 3, null));
        assertEquals("csv label column must be 0..2 (counting from 0), was 3", e.getMessage());
    }

    @Test
    void unclosedQuote() {
        assertEquals("csv row 2: a quoted cell is not closed (cells cannot span lines)",
                rejected("1,2,0\n\"3,4,1\n").getMessage());
    }
}
