package igm.physics.massbalance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import igm.InputException;
import org.junit.jupiter.api.Test;

import java.util.List;

class TimeTableTest {

    private static final List<String> COLUMNS = List.of("time", "ela", "maxacc");

    @Test
    void interpolatesLinearlyAndHoldsOutside() {
        TimeTable t = new TimeTable(COLUMNS, new double[][] {{0, 100, 1}, {10, 200, 3}, {30, 0, 3}});
        assertEquals(3, t.rows());
        assertEquals(100, t.value("ela", -5));
        assertEquals(100, t.value("ela", 0));
        assertEquals(150, t.value("ela", 5), 1e-12);
        assertEquals(200, t.value("ela", 10));
        assertEquals(100, t.value("ela", 20), 1e-12);
        assertEquals(0, t.value("ela", 30));
        assertEquals(0, t.value("ela", 1e9));
        assertEquals(2, t.value("maxacc", 5), 1e-12);
        assertEquals(7, TimeTable.constant(COLUMNS, 3, 7, 1).value("ela", -100));
    }

    @Test
    void errorsNameTheColumnAndValue() {
        InputException e = assertThrows(InputException.class,
                () -> new TimeTable(COLUMNS, new double[][] {{0, 1, 1}, {10, 2, 2}, {10, 3, 3}}));
        assertTrue(e.getMessage().contains("'time'") && e.getMessage().contains("row 3")
                && e.getMessage().contains("10.0"), e.getMessage());
        e = assertThrows(InputException.class,
                () -> new TimeTable(COLUMNS, new double[][] {{0, 1, 1}, {5, Double.NaN, 2}}));
        assertTrue(e.getMessage().contains("'ela'") && e.getMessage().contains("NaN"), e.getMessage());
        e = assertThrows(InputException.class, () -> new TimeTable(COLUMNS, new double[][] {{0, 1}}));
        assertTrue(e.getMessage().contains("row 1"), e.getMessage());
        e = assertThrows(InputException.class, () -> new TimeTable(COLUMNS, new double[0][]));
        assertTrue(e.getMessage().contains("no rows"), e.getMessage());
        e = assertThrows(InputException.class, () -> new TimeTable(List.of("time"), new double[][] {{0}}));
        e = assertThrows(InputException.class, () -> new TimeTable(COLUMNS, new double[][] {{0, 1, 1}})
                .value("gradabl", 0));
        assertTrue(e.getMessage().contains("gradabl") && e.getMessage().contains("ela"), e.getMessage());
        assertThrows(InputException.class,
                () -> new TimeTable(List.of("time", "ela", "ela"), new double[][] {{0, 1, 1}}));
        assertThrows(IllegalArgumentException.class, () -> TimeTable.constant(COLUMNS, 0, 1, 1).value(1, Double.NaN));
    }
}
