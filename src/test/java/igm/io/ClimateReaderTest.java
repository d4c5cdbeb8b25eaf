package igm.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import igm.InputException;
import igm.grid.Grid2D;
import igm.physics.massbalance.AccMeltFields;
import igm.physics.massbalance.AccMeltPeriods;
import igm.physics.massbalance.DailyClimate;
import igm.physics.massbalance.MonthlyClimate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ucar.ma2.Array;
import ucar.ma2.DataType;
import ucar.nc2.Attribute;
import ucar.nc2.Dimension;
import ucar.nc2.NetcdfFileWriter;
import ucar.nc2.Variable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

class ClimateReaderTest {

    @TempDir
    Path dir;

    @Test
    void oggmClimateHistorical() {
        Path file = TestData.require("aletsch/oggm_climate_historical.nc");
        MonthlyClimate c = ClimateReader.readOggmMonthly(file);
        assertEquals(1901, c.firstYear());
        assertEquals(2019, c.lastYear());
        assertEquals(1764.0, c.referenceHeightAt(0), 0);
        assertEquals(1, c.cells());
        // the first and last values of the file (January 1901, December 2019)
        assertEquals(-6.713134765625, c.temperatureAt(1901, 0, 0), 1e-9);
        assertEquals(218.917236328125, c.precipitationAt(1901, 0, 0), 1e-9);
        assertEquals(3.8507299423217773, c.temperatureStdAt(1901, 0, 0), 1e-7);
        assertEquals(-0.5, c.temperatureAt(2019, 11, 0), 1e-9);
        assertEquals(247.95420837402344, c.precipitationAt(2019, 11, 0), 1e-9);
        assertTrue(ClimateReader.isGridded(file) == false);
    }

    @Test
    void griddedMonthlyClimateIsFlippedAndBlockAveragedOntoTheModelGrid() throws Exception {
        Path file = dir.resolve("gridded.nc");
        int nx = 6;
        int ny = 4;
        int months = 14;   // January 1999 to February 2000: the reader keeps the whole year 1999
        NetcdfFileWriter w = NetcdfFileWriter.createNew(NetcdfFileWriter.Version.netcdf3, file.toString());
        Dimension t = w.addDimension(null, "time", months);
        Dimension y = w.addDimension(null, "y", ny);
        Dimension x = w.addDimension(null, "x", nx);
        Variable tv = w.addVariable(null, "time", DataType.DOUBLE, List.of(t));
        tv.addAttribute(new Attribute("units", "days since 1999-01-01"));
        Variable xv = w.addVariable(null, "x", DataType.DOUBLE, List.of(x));
        Variable yv = w.addVariable(null, "y", DataType.DOUBLE, List.of(y));
        Variable temp = w.addVariable(null, "temp", DataType.FLOAT, List.of(t, y, x));
        Variable prcp = w.addVariable(null, "prcp", DataType.FLOAT, List.of(t, y, x));
        Variable ref = w.addVariable(null, "ref_hgt", DataType.FLOAT, List.of(y, x));
        w.create();
        double[] times = new double[months];
        for (int m = 0; m < months; m++) {
            times[m] = LocalDate.of(1999, 1, 15).plusMonths(m).toEpochDay() - LocalDate.of(1999, 1, 1).toEpochDay();
        }
        w.write(tv, Array.factory(DataType.DOUBLE, new int[] {months}, times));
        w.write(xv, Array.factory(DataType.DOUBLE, new int[] {nx}, new double[] {50, 150, 250, 350, 450, 550}));
        // y stored descending (north first)
        w.write(yv, Array.factory(DataType.DOUBLE, new int[] {ny}, new double[] {350, 250, 150, 50}));
        float[] tval = new float[months * ny * nx];
        float[] pval = new float[months * ny * nx];
        float[] rval = new float[ny * nx];
        for (int m = 0; m < months; m++) {
            for (int r = 0; r < ny; r++) {
                for (int c = 0; c < nx; c++) {
                    int k = (m * ny + r) * nx + c;
                    tval[k] = m + 0.1f * c + 10 * r;   // r = 0 is the northern row
                    pval[k] = 100 + m;
                }
            }
        }
        for (int k = 0; k < rval.length; k++) {
            rval[k] = 1000 + k;
        }
        w.write(temp, Array.factory(DataType.FLOAT, new int[] {months, ny, nx}, tval));
        w.write(prcp, Array.factory(DataType.FLOAT, new int[] {months, ny, nx}, pval));
        w.write(ref, Array.factory(DataType.FLOAT, new int[] {ny, nx}, rval));
        w.close();

        assertTrue(ClimateReader.isGridded(file));
        Grid2D coarse = new Grid2D(3, 2, 200, 100, 100);   // 2 × 2 blocks of the 100 m file
        MonthlyClimate c = ClimateReader.readGriddedMonthly(file, coarse, 2.5);
        assertEquals(1999, c.firstYear());
        assertEquals(1999, c.lastYear());
        // block (i = 1, j = 0): file columns 2, 3 and the two southern rows (r = 3, 2), month 4
        double expected = 4 + 0.1 * 2.5 + 10 * 2.5;
        assertEquals(expected, c.temperatureAt(1999, 4, coarse.index(1, 0)), 1e-5);
        assertEquals(104, c.precipitationAt(1999, 4, coarse.index(1, 0)), 1e-5);
        assertEquals(2.5, c.temperatureStdAt(1999, 4, 3), 0);
        // ref_hgt of the north-east block: rows r = 0, 1, columns 4, 5 → 1000 + mean(4, 5, 10, 11)
        assertEquals(1007.5, c.referenceHeightAt(coarse.index(2, 1)), 1e-4);
        // a grid that is not a block-coarsening of the file's
        InputException wrong = assertThrows(InputException.class,
                () -> ClimateReader.readGriddedMonthly(file, new Grid2D(2, 2, 150, 100, 100), 2.5));
        assertTrue(wrong.getMessage().contains("does not coarsen"), wrong.getMessage());
    }

    @Test
    void dailyStationAndPeriodsOfTheExample() throws Exception {
        Path folder = Path.of("examples", "aletsch-1880");
        DailyClimate weather = ClimateReader.readDailyStation(folder.resolve("temp_prec.dat"), 2766);
        assertEquals(LocalDate.of(1879, 10, 1), weather.firstDay());
        assertEquals(LocalDate.of(2017, 12, 31), weather.lastDay());
        assertEquals(-0.79, weather.temperature(LocalDate.of(1879, 10, 1)), 1e-6);
        assertEquals(20.38, weather.precipitation(LocalDate.of(1879, 10, 2)), 1e-5);
        AccMeltPeriods periods = ClimateReader.readAccMeltPeriods(folder.resolve("mbparameter.dat"));
        assertEquals(6, periods.periods().size());
        AccMeltPeriods.Period p1999 = periods.of(2005);
        assertEquals(2.31154e-3, p1999.meltFactor(), 1e-12);
        assertEquals(2.774156e-5, p1999.radiationFactorIce(), 1e-14);
        assertEquals(2.082234e-5, p1999.radiationFactorSnow(), 1e-14);
        assertEquals(-0.00552, p1999.lapseRate(), 0);
        assertEquals(0.00035, p1999.precipitationGradient(), 0);

        Path gap = dir.resolve("gap.dat");
        Files.writeString(gap, "year jd hour temp prec\n2000 1 0 -3 1\n2000 2 0 -3 1\n2000 4 0 -3 1\n");
        InputException e = assertThrows(InputException.class, () -> ClimateReader.readDailyStation(gap, 2000));
        assertTrue(e.getMessage().contains("2000-01-03"), e.getMessage());
        Path negative = dir.resolve("negative.dat");
        Files.writeString(negative, "2000 1 0 -3 -1\n");
        assertThrows(InputException.class, () -> ClimateReader.readDailyStation(negative, 2000));
    }

    /** A 3 × 2 file on 100 m cells from (0, 0), rows north first, coordinates divided by {@code scale}. */
    private static TinyNetcdf tinyGrid(double scale, String coordinateUnits) {
        TinyNetcdf file = TinyNetcdf.withCoordinates(new double[] {0, 100 / scale, 200 / scale},
                new double[] {100 / scale, 0});
        if (coordinateUnits != null) {
            file.attribute("x", "units", coordinateUnits).attribute("y", "units", coordinateUnits);
        }
        return file;
    }

    @Test
    void gridCoordinatesInKilometresAreReadAsTheSameGridInMetres() throws Exception {
        double[][] values = {{1, 2, 3}, {4, 5, 6}};
        Grid2D grid = new Grid2D(3, 2, 100, 0, 0);
        Path metres = tinyGrid(1, "m").field("temp", values).write(dir.resolve("m.nc"));
        Path kilometres = tinyGrid(1000, "km").field("temp", values).write(dir.resolve("km.nc"));
        double[] expected = {4, 5, 6, 1, 2, 3};
        assertArrayEquals(expected, ClimateReader.readFieldOnGrid(metres, "temp", grid)[0], 0);
        assertArrayEquals(expected, ClimateReader.readFieldOnGrid(kilometres, "temp", grid)[0], 0);
        Path degrees = tinyGrid(1, "degrees_east").field("temp", values).write(dir.resolve("deg.nc"));
        InputException e = assertThrows(InputException.class,
                () -> ClimateReader.readFieldOnGrid(degrees, "temp", grid));
        assertTrue(e.getMessage().contains("deg.nc") && e.getMessage().contains("'x'")
                && e.getMessage().contains("reproject"), e.getMessage());
    }

    /** An accmelt file on the tiny grid: one day of radiation and a redistribution field, in the units given. */
    private Path accMelt(String name, double radiationScale, String radiationUnits, double redistributionScale,
                         String redistributionUnits) throws Exception {
        TinyNetcdf file = tinyGrid(1, "m").dimension("time", 1).variable("time", List.of("time"), new double[] {1})
                .variable("direct_radiation", List.of("time", "y", "x"),
                        new double[] {100 * radiationScale, 200 * radiationScale, 300 * radiationScale,
                                400 * radiationScale, 500 * radiationScale, 600 * radiationScale})
                .field("snow_redistribution", new double[][] {{redistributionScale, 0.5 * redistributionScale,
                        1.5 * redistributionScale}, {redistributionScale, redistributionScale, redistributionScale}});
        if (radiationUnits != null) {
            file.attribute("direct_radiation", "units", radiationUnits);
        }
        if (redistributionUnits != null) {
            file.attribute("snow_redistribution", "units", redistributionUnits);
        }
        return file.write(dir.resolve(name));
    }

    @Test
    void accMeltFieldsAreConvertedFromTheirUnits() throws Exception {
        Grid2D grid = new Grid2D(3, 2, 100, 0, 0);
        AccMeltFields reference = ClimateReader.readAccMeltFields(
                accMelt("si.nc", 1, "W m^{-2}", 1, "None"), grid);
        AccMeltFields other = ClimateReader.readAccMeltFields(
                accMelt("other.nc", 0.1, "mW cm-2", 100, "percent"), grid);
        assertArrayEquals(new double[] {400, 500, 600, 100, 200, 300}, reference.radiation()[0], 1e-9);
        assertArrayEquals(reference.radiation()[0], other.radiation()[0], 1e-4);
        assertArrayEquals(reference.redistribution(), other.redistribution(), 1e-6);
        Path wrong = accMelt("wrong.nc", 1, "K", 1, null);
        InputException e = assertThrows(InputException.class, () -> ClimateReader.readAccMeltFields(wrong, grid));
        assertTrue(e.getMessage().contains("wrong.nc") && e.getMessage().contains("'direct_radiation'")
                && e.getMessage().contains("'K'") && e.getMessage().contains("not an irradiance"), e.getMessage());
        Path redistribution = accMelt("redistribution.nc", 1, null, 1, "m");
        InputException r = assertThrows(InputException.class,
                () -> ClimateReader.readAccMeltFields(redistribution, grid));
        assertTrue(r.getMessage().contains("'snow_redistribution'") && r.getMessage().contains("dimensionless"),
                r.getMessage());
    }
}
