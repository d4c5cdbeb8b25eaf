package igm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import igm.SharedData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The climate-driven SMB methods through the command line on the bundled Aletsch example, coarsened. */
@Tag("regression")
class ClimateSmbRunTest {

    @TempDir
    Path out;

    private static String[] run(Path folder, String... sets) {
        List<String> args = new java.util.ArrayList<>(List.of("run", RunCommandTest.EXAMPLE.toString(),
                // the SIA: the example's emulator is trained at 100 m, and these tests are about the SMB
                "--set", "input.coarsen=2", "--set", "iceflow.method=sia", "--set", "output.folder=" + folder,
                "--set", "output.plots=false",
                "--no-progress"));
        for (String s : sets) {
            args.add("--set");
            args.add(s);
        }
        CliRun r = CliRun.igm(args.toArray(String[]::new));
        return new String[] {String.valueOf(r.code()), r.stdout(), r.stderr()};
    }

    private static Path oggmClimate() {
        Path p = SharedData.resolve("aletsch/oggm_climate_historical.nc");
        return p != null && Files.isRegularFile(p) ? p.toAbsolutePath() : null;
    }

    @Test
    void pddWithOggmClimateRunsAndNeedsACycleBeyondTheSeries() throws IOException {
        Path climate = oggmClimate();
        Assumptions.assumeTrue(climate != null, "OGGM climate_historical.nc not in ../shared/data: skipped");
        String[] r = run(out.resolve("pdd"), "smb.method=pdd", "smb.climate_file=" + climate, "time.start=2000",
                "time.end=2002", "smb.melt_factor_snow=3", "smb.climate_modifiers=[[2000, 1.0, 0.5]]");
        assertEquals("0", r[0], r[1] + r[2]);
        assertTrue(r[1].contains("SMB pdd"), r[1]);
        List<String> csv = Files.readAllLines(out.resolve("pdd").resolve("timeseries.csv"));
        assertEquals(1 + 3, csv.size());
        double smbRate = Double.parseDouble(csv.get(1).split(",")[5]);
        assertTrue(smbRate < 0, "a warmer, drier 2000 on Aletsch loses mass: SMB rate " + smbRate + " km³/a");

        String[] beyond = run(out.resolve("beyond"), "smb.method=pdd", "smb.climate_file=" + climate,
                "time.start=2030", "time.end=2031");
        assertEquals("1", beyond[0], beyond[1]);
        assertTrue(beyond[2].contains("1901–2019") && beyond[2].contains("smb.climate_mode"), beyond[2]);

        String[] cycle = run(out.resolve("cycle"), "smb.method=pdd", "smb.climate_file=" + climate,
                "time.start=2030", "time.end=2031", "smb.climate_mode=cycle", "smb.climate_period=[1990, 2019]");
        assertEquals("0", cycle[0], cycle[1] + cycle[2]);
        String[] mean = run(out.resolve("mean"), "smb.method=pdd", "smb.climate_file=" + climate,
                "time.start=2030", "time.end=2031", "smb.climate_mode=mean", "smb.climate_period=[1961, 1990]");
        assertEquals("0", mean[0], mean[1] + mean[2]);
        String[] noPeriod = run(out.resolve("noperiod"), "smb.method=pdd", "smb.climate_file=" + climate,
                "smb.climate_mode=cycle");
        assertEquals("1", noPeriod[0]);
        assertTrue(noPeriod[2].contains("smb.climate_period"), noPeriod[2]);
    }

    /** Writes a monthly climate file: 1D (point, OGGM layout) when grid is null, else uniform on the grid. */
    private static void writeClimate(Path file, igm.grid.Grid2D grid, int firstYear, int years) throws Exception {
        int months = 12 * years;
        var w = ucar.nc2.NetcdfFileWriter.createNew(ucar.nc2.NetcdfFileWriter.Version.netcdf3, file.toString());
        w.setLargeFile(true);
        var t = w.addDimension(null, "time", months);
        var tv = w.addVariable(null, "time", ucar.ma2.DataType.INT, List.of(t));
        tv.addAttribute(new ucar.nc2.Attribute("units", "days since 1801-01-01 00:00:00"));
        List<ucar.nc2.Dimension> dims = new java.util.ArrayList<>(List.of(t));
        ucar.nc2.Variable xv = null;
        ucar.nc2.Variable yv = null;
        if (grid != null) {
            var y = w.addDimension(null, "y", grid.ny());
            var x = w.addDimension(null, "x", grid.nx());
            xv = w.addVariable(null, "x", ucar.ma2.DataType.DOUBLE, List.of(x));
            yv = w.addVariable(null, "y", ucar.ma2.DataType.DOUBLE, List.of(y));
            dims.add(y);
            dims.add(x);
        }
        var temp = w.addVariable(null, "temp", ucar.ma2.DataType.FLOAT, dims);
        var prcp = w.addVariable(null, "prcp", ucar.ma2.DataType.FLOAT, dims);
        var std = w.addVariable(null, "temp_std", ucar.ma2.DataType.FLOAT, dims);
        w.addGroupAttribute(null, new ucar.nc2.Attribute("ref_hgt", 1764.0));
        w.create();
        int cells = grid == null ? 1 : grid.size();
        int[] days = new int[months];
        float[] tv2 = new float[months * cells];
        float[] pv = new float[months * cells];
        float[] sv = new float[months * cells];
        java.time.LocalDate origin = java.time.LocalDate.of(1801, 1, 1);
        for (int m = 0; m < months; m++) {
            days[m] = (int) (java.time.LocalDate.of(firstYear, 1, 1).plusMonths(m).toEpochDay() - origin.toEpochDay());
            for (int k = 0; k < cells; k++) {
                tv2[m * cells + k] = (float) (-2 - 8 * Math.cos(2 * Math.PI * (m % 12) / 12.0) + 0.3 * (m / 12));
                pv[m * cells + k] = 120 + 10 * (m % 5);
                sv[m * cells + k] = 2.5f;
            }
        }
        w.write(tv, ucar.ma2.Array.factory(ucar.ma2.DataType.INT, new int[] {months}, days));
        int[] shape = grid == null ? new int[] {months} : new int[] {months, grid.ny(), grid.nx()};
        w.write(temp, ucar.ma2.Array.factory(ucar.ma2.DataType.FLOAT, shape, tv2));
        w.write(prcp, ucar.ma2.Array.factory(ucar.ma2.DataType.FLOAT, shape, pv));
        w.write(std, ucar.ma2.Array.factory(ucar.ma2.DataType.FLOAT, shape, sv));
        if (grid != null) {
            w.write(xv, ucar.ma2.Array.factory(ucar.ma2.DataType.DOUBLE, new int[] {grid.nx()}, grid.xCoordinates()));
            w.write(yv, ucar.ma2.Array.factory(ucar.ma2.DataType.DOUBLE, new int[] {grid.ny()}, grid.yCoordinates()));
        }
        w.close();
    }

    @Test
    void griddedClimateOnTheFineGridEqualsThePointClimateItRepeats() throws Exception {
        igm.grid.Grid2D fine = igm.io.GriddedInputReader.read(Path.of("examples", "aletsch", "aletsch.nc")).grid();
        Path point = out.resolve("point.nc");
        Path gridded = out.resolve("gridded.nc");
        writeClimate(point, null, 2000, 3);
        writeClimate(gridded, fine, 2000, 3);
        String[] a = run(out.resolve("point"), "smb.method=pdd", "smb.climate_file=" + point, "time.start=2000",
                "time.end=2003");
        String[] b = run(out.resolve("gridded"), "smb.method=pdd", "smb.climate_file=" + gridded,
                "time.start=2000", "time.end=2003");
        assertEquals("0", a[0], a[1] + a[2]);
        assertEquals("0", b[0], b[1] + b[2]);
        List<String> ca = Files.readAllLines(out.resolve("point").resolve("timeseries.csv"));
        List<String> cb = Files.readAllLines(out.resolve("gridded").resolve("timeseries.csv"));
        assertEquals(ca, cb, "uniform gridded climate, block-averaged onto the 200 m run, equals the point climate");
        assertTrue(Double.parseDouble(ca.get(1).split(",")[5]) != 0, "the SMB is not zero");
    }

    @Test
    void paleoElaAndMissingFilesAreReported() throws IOException {
        String[] r = run(out.resolve("paleo"), "smb.method=paleo_ela", "time.start=2000", "time.end=2002",
                "smb.paleo_temperature_table=[[1990, -1.0], [2010, 1.0]]", "smb.paleo_ela0=2900",
                "smb.paleo_ela_per_kelvin=150");
        assertEquals("0", r[0], r[1] + r[2]);
        assertTrue(r[1].contains("SMB ela"), r[1]);
        // the same series from a text file (unsorted, with a header) gives the same run
        Path series = out.resolve("deltaT.txt");
        Files.writeString(series, "time delta_temp\n2010 1.0\n1990 -1.0\n");
        String[] f = run(out.resolve("paleofile"), "smb.method=paleo_ela", "time.start=2000", "time.end=2002",
                "smb.paleo_temperature_file=" + series.toAbsolutePath(), "smb.paleo_ela0=2900",
                "smb.paleo_ela_per_kelvin=150");
        assertEquals("0", f[0], f[1] + f[2]);
        assertEquals(Files.readAllLines(out.resolve("paleo").resolve("timeseries.csv")),
                Files.readAllLines(out.resolve("paleofile").resolve("timeseries.csv")));
        String[] missing = run(out.resolve("missing"), "smb.method=accmelt");
        assertEquals("1", missing[0]);
        assertTrue(missing[2].contains("smb.accmelt_weather_file"), missing[2]);
        String[] thresholds = run(out.resolve("thresholds"), "smb.method=pdd", "smb.snow_temperature=3");
        assertEquals("1", thresholds[0]);
        assertTrue(thresholds[2].contains("smb.rain_temperature = 2.0 must be above smb.snow_temperature = 3.0"),
                thresholds[2]);
        String[] badObserved = run(out.resolve("badobserved"), "output.observed_file=aletsch.nc",
                "output.observed_usurf=usurf_2017");
        assertEquals("1", badObserved[0]);
        assertTrue(badObserved[2].contains("usurf_2017"), badObserved[2]);
        assertTrue(Files.notExists(out.resolve("badobserved")), "no output before the run fails");
        String[] noFile = run(out.resolve("nofile"), "smb.method=pdd", "smb.climate_file=nowhere.nc");
        assertEquals("1", noFile[0]);
        assertTrue(noFile[2].contains("climate file not found") && noFile[2].contains("nowhere.nc"), noFile[2]);
    }
}
