package org.backproplab.chartjs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PointBufferTest {

    @Test
    void keepsTheNewestPointsInOrderAcrossWrapsAndGrowth() {
        PointBuffer buffer = new PointBuffer();
        buffer.addAll(points(1, 40), 25, true);
        assertThat(buffer.toList()).extracting(ChartPoint::x)
                .containsExactlyElementsOf(IntStream.rangeClosed(16, 40).mapToObj(i -> (double) i).toList());
        assertThat(buffer.unsent()).isEqualTo(25);

        buffer.markSent();
        buffer.addAll(points(41, 43), 25, true);
        assertThat(buffer.unsent()).isEqualTo(3);
        assertThat(buffer.x(buffer.size() - 3)).isEqualTo(41.0);
        assertThat(buffer.y(buffer.size() - 1)).isEqualTo(43.0 / 2);
    }

    @Test
    void trimmingKeepsTheNewestAndAtMostThatManyUnsent() {
        PointBuffer buffer = new PointBuffer();
        buffer.addAll(points(1, 10), 100, false);
        buffer.addAll(points(11, 14), 100, true);
        buffer.trim(3);
        assertThat(buffer.toList()).extracting(ChartPoint::x).containsExactly(12.0, 13.0, 14.0);
        assertThat(buffer.unsent()).isEqualTo(3);

        buffer.addAll(points(15, 15), 3, true);
        assertThat(buffer.toList()).extracting(ChartPoint::x).containsExactly(13.0, 14.0, 15.0);
        buffer.clear();
        assertThat(buffer.size()).isZero();
        assertThat(buffer.unsent()).isZero();
    }

    @Test
    void columnsAppendLikePointsAndKeepOnlyTheNewestBeyondTheCap() {
        PointBuffer buffer = new PointBuffer();
        buffer.addAll(points(1, 20), 25, false);
        buffer.addAll(new double[] {21, 22, 23, 24, 25, 26, 27}, new double[] {10.5, 11, 11.5, 12, 12.5, 13, 13.5},
                25, true);
        assertThat(buffer.toList()).extracting(ChartPoint::x)
                .containsExactlyElementsOf(IntStream.rangeClosed(3, 27).mapToObj(i -> (double) i).toList());
        assertThat(buffer.toList()).extracting(ChartPoint::y)
                .containsExactlyElementsOf(IntStream.rangeClosed(3, 27).mapToObj(i -> i / 2.0).toList());
        assertThat(buffer.unsent()).isEqualTo(7);

        double[] many = IntStream.rangeClosed(100, 140).asDoubleStream().toArray();
        buffer.addAll(many, many, 25, true);
        assertThat(buffer.toList()).extracting(ChartPoint::x)
                .containsExactlyElementsOf(IntStream.rangeClosed(116, 140).mapToObj(i -> (double) i).toList());
        assertThat(buffer.unsent()).isEqualTo(25);
    }

    private static List<ChartPoint> points(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> new ChartPoint(i, i / 2.0)).toList();
    }
}
