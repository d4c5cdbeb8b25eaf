package igm.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import igm.grid.Grid2D;

class SurfaceSlopeTest {

    @Test
    void planeIsExactEverywhere() {
        Grid2D grid = new Grid2D(7, 5, 50, 1000, 2000);
        double[] s = new double[grid.size()];
        for (int j = 0; j < grid.ny(); j++) {
            for (int i = 0; i < grid.nx(); i++) {
                s[grid.index(i, j)] = 3000 - 0.12 * grid.x(i) + 0.05 * grid.y(j);
            }
        }
        double[][] g = SurfaceSlope.gradient(grid, s);
        for (int k = 0; k < grid.size(); k++) {
            assertEquals(-0.12, g[0][k], 1e-10);
            assertEquals(0.05, g[1][k], 1e-10);
        }
    }

    @Test
    void quadraticIsExactInTheInteriorAndOneSidedAtEdges() {
        Grid2D grid = Grid2D.of(6, 9, 10);
        double[] s = new double[grid.size()];
        for (int j = 0; j < grid.ny(); j++) {
            for (int i = 0; i < grid.nx(); i++) {
                double x = grid.x(i);
                double y = grid.y(j);
                s[grid.index(i, j)] = 0.001 * x * x - 0.002 * y * y + 0.0005 * x * y;
            }
        }
        double[][] g = SurfaceSlope.gradient(grid, s);
        double dx = grid.dx();
        for (int j = 0; j < grid.ny(); j++) {
            for (int i = 0; i < grid.nx(); i++) {
                double x = grid.x(i);
                double y = grid.y(j);
                int k = grid.index(i, j);
                double expectedX = 0.002 * x + 0.0005 * y;
                if (i == 0) {
                    expectedX += 0.001 * dx;
                } else if (i == grid.nx() - 1) {
                    expectedX -= 0.001 * dx;
                }
                double expectedY = -0.004 * y + 0.0005 * x;
                if (j == 0) {
                    expectedY -= 0.002 * dx;
                } else if (j == grid.ny() - 1) {
                    expectedY += 0.002 * dx;
                }
                assertEquals(expectedX, g[0][k], 1e-9, "∂s/∂x at " + i + "," + j);
                assertEquals(expectedY, g[1][k], 1e-9, "∂s/∂y at " + i + "," + j);
            }
        }
    }

    @Test
    void singleCellDirectionsHaveZeroSlope() {
        Grid2D grid = Grid2D.of(1, 3, 100);
        double[][] g = SurfaceSlope.gradient(grid, new double[] {0, 10, 30});
        assertEquals(0, g[0][1]);
        assertEquals(0.1, g[1][0], 1e-12);
        assertEquals(0.15, g[1][1], 1e-12);
        assertEquals(0.2, g[1][2], 1e-12);
    }
}
