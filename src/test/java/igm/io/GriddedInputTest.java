package igm.io;

import igm.grid.Grid2D;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The input record keeps its projection attributes in the order given, so outputs are the same in every JVM. */
class GriddedInputTest {

    @Test
    void projectionAttributesKeepTheirOrder() {
        Map<String, String> attributes = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (int k = 0; k < 24; k++) {
            names.add("attribute_" + (char) ('z' - k));
            attributes.put(names.getLast(), Integer.toString(k));
        }
        Grid2D grid = new Grid2D(2, 2, 100, 0, 0);
        double[] zero = new double[4];
        GriddedInput input = new GriddedInput(grid, zero, zero, zero, null, null, null, attributes, Path.of("in.nc"));
        assertEquals(names, List.copyOf(input.projectionAttributes().keySet()));
    }
}
