package igm.io;

import igm.simulation.Schedule;
import igm.grid.Grid2D;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlotRecorderTest {

    @Test
    void everyMapOfAQuantityHasTheRangeOfAllPlottedStates(@TempDir Path folder) throws Exception {
        Grid2D grid = Grid2D.of(2, 1, 100);
        PlotRecorder plots = new PlotRecorder(folder, "test", Schedule.at(2000, 2050.5), null, List::of);
        double[] bed = new double[2];
        plots.add(2000, grid, new double[] {100, 60}, bed, new double[] {10, 5});
        plots.add(2050.5, grid, new double[] {450, 60}, bed, new double[] {180, 5});
        assertArrayEquals(new double[] {0, 500}, plots.thicknessRange(), 1e-12);
        assertArrayEquals(new double[] {0, 200}, plots.speedRange(), 1e-12);
        plots.writeAll(List.of());
        BufferedImage early = ImageIO.read(folder.resolve("thickness_2000.png").toFile());
        BufferedImage late = ImageIO.read(folder.resolve("thickness_2050.50.png").toFile());
        int pixel = 12;
        int east = 16 + pixel + pixel / 2;
        assertEquals(early.getRGB(east, 40 + pixel / 2), late.getRGB(east, 40 + pixel / 2),
                "60 m of ice has one colour in both years");
        assertTrue(Files.size(folder.resolve("speed_2050.50.png")) > 0 && Files.size(folder.resolve(
                "speed_2000.png")) > 0);
    }
}
