package org.backproplab.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.backproplab.engine.Task;
import org.junit.jupiter.api.Test;

class DatasetCatalogTest {

    private final DatasetCatalog catalog = new DatasetCatalog();

    @Test
    void catalogueListsEveryNamedDatasetButNotInline() {
        List<String> names = catalog.all().stream().map(DatasetInfo::name).toList();
        assertEquals(List.of("circle", "xor", "gauss", "spiral", "moons", "plane", "multi-gauss", "digits", "iris",
                "breast-cancer"), names);
        assertTrue(catalog.find("inline").isEmpty());
        for (DatasetInfo info : catalog.all()) {
            assertFalse(info.title().isBlank());
            assertTrue(info.description().length() > 20, info.name());
            assertEquals(info.synthetic(), info.source() == null, info.name());
            assertEquals(info.task() == Task.REGRESSION, info.classes() == 0, info.name());
        }
        DatasetInfo spiral = catalog.find("spiral").orElseThrow();
        assertEquals(new DatasetInfo("spiral", Task.BINARY, 2, 2, 500, true, true, spiral.title(),
                spiral.description(), null), spiral);
    }

    @Test
    void contractDefaultsWork() {
        PreparedDataset spiral = catalog.prepare(DatasetRequest.defaults("spiral"));
        assertEquals(250, spiral.train().size());
        assertEquals(250, spiral.test().size());
        assertSame(catalog.find("spiral").orElseThrow(), spiral.info());
    }

    @Test
    void unknownName() {
        DatasetException e = assertThrows(DatasetException.class,
                () -> catalog.prepare(DatasetRequest.defaults("mnist")));
        assertEquals("dataset.name", e.field());
        assertEquals("dataset.name 'mnist' is unknown; allowed: circle, xor, gauss, spiral, moons, plane, "
                + "multi-gauss, digits, iris, breast-cancer, inline", e.getMessage());
    }

    @Test
    void inlineNeedsItsData() {
        DatasetException e = assertThrows(DatasetException.class,
                () -> catalog.prepare(DatasetRequest.defaults("inline")));
        assertEquals("dataset.train", e.field());
    }

    @Test
    void samplesOutOfRange() {
        DatasetException e = assertThrows(DatasetException.class,
                () -> catalog.prepare(new DatasetRequest("circle", 3, 0.1, 0.5, null, 1)));
        assertEquals("dataset.samples", e.field());
        assertEquals("dataset.samples must be 10..5000, was 3", e.getMessage());
        assertThrows(DatasetException.class, () -> catalog.prepare(new DatasetRequest("circle", 5001, 0.1, 0.5,
                null, 1)));
        assertNotNull(catalog.prepare(new DatasetRequest("circle", 5000, 0.5, 0.9, null, 1)));
        assertNotNull(catalog.prepare(new DatasetRequest("circle", 10, 0, 0.1, null, 1)));
    }

    @Test
    void noiseOutOfRange() {
        DatasetException e = assertThrows(DatasetException.class,
                () -> catalog.prepare(new DatasetRequest("xor", 100, 0.7, 0.5, null, 1)));
        assertEquals("dataset.noise must be 0..0.5, was 0.7", e.getMessage());
        assertEquals("dataset.noise", assertThrows(DatasetException.class,
                () -> catalog.prepare(new DatasetRequest("xor", 100, Double.NaN, 0.5, null, 1))).field());
    }

    @Test
    void testFractionOutOfRange() {
        DatasetException e = assertThrows(DatasetException.class,
                () -> catalog.prepare(new DatasetRequest("iris", 100, 0.1, 0.95, null, 1)));
        assertEquals("dataset.testFraction must be 0.1..0.9, was 0.95", e.getMessage());
    }

    @Test
    void realDataIgnoresSyntheticRanges() {
        PreparedDataset iris = catalog.prepare(new DatasetRequest("iris", 3, 7.0, 0.5, List.of(), 1));
        assertEquals(150, iris.train().size() + iris.test().size());
        assertNull(iris.trainPoints());
    }

    @Test
    void concurrentFirstUseLoadsConsistentData() throws Exception {
        DatasetCatalog fresh = new DatasetCatalog();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<PreparedDataset>> futures = pool.invokeAll(java.util.Collections.nCopies(8,
                    () -> fresh.prepare(DatasetRequest.defaults("digits"))));
            double[] firstLabels = futures.get(0).get().test().y();
            for (Future<PreparedDataset> future : futures) {
                assertEquals(java.util.Arrays.toString(firstLabels),
                        java.util.Arrays.toString(future.get().test().y()));
            }
        } finally {
            pool.shutdown();
        }
    }
}
