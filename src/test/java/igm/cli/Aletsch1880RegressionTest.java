package igm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import igm.grid.Grid2D;
import igm.io.ClimateReader;
import igm.io.GriddedInput;
import igm.io.GriddedInputReader;
import igm.io.InputOptions;
import igm.physics.PhysicalConstants;
import igm.physics.massbalance.AccMeltMassBalance;
import igm.physics.massbalance.AccMeltPeriods;
import igm.physics.massbalance.DailyClimate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ucar.ma2.Array;
import ucar.nc2.NetcdfFile;
import ucar.nc2.Variable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * A few years of the Aletsch 1880 example (accmelt) on a grid coarsened to 400 m, with the SIA so that it needs
 * only the files shipped with the example; the SMB of the first year is checked cell by cell against an
 * independent evaluation of the accmelt formulas from the example's files (own block averaging, dates of the
 * hydrological year, radiation interpolation, period, units and ice mask).
 */
@Tag("regression")
class Aletsch1880RegressionTest {

    static final Path FOLDER = Path.of("examples", "aletsch-1880");

    @TempDir
    Path out;

    @Test
    void firstYearsOnACoarseGrid() throws IOException {
        CliRun r = CliRun.igm("run", FOLDER.resolve("params.yaml").toString(), "--set", "iceflow.method=sia",
                    "--set", "input.coarsen=2", "--set", "time.end=1883", "--set", "output.folder=" + out,
                    "--set", "output.plots=false", "--set", "output.interval=1", "--set",
                    "smb.accmelt_ablation_weight=1.25", "--no-progress");
        int code = r.code();
        String stdout = r.stdout();
        assertEquals(0, code, stdout);
        assertTrue(stdout.contains("SMB accmelt"), stdout);
        assertTrue(stdout.contains("against aletsch1880.nc"), stdout);
        List<String> csv = Files.readAllLines(out.resolve("timeseries.csv"));
        assertEquals(1 + 4, csv.size(), String.join("\n", csv));
        for (String row : csv.subList(1, csv.size())) {
            String[] v = row.split(",");
            assertTrue(Math.abs(Double.parseDouble(v[9])) < 1e-9, "budget residual in " + row);
        }

        // the SMB written for 1880 against the formulas evaluated here on the 400 m grid
        GriddedInput input = GriddedInputReader.read(InputOptions.of(FOLDER.resolve("aletsch1880.nc"))
                .withCoarsen(2));
        Grid2D grid = input.grid();
        double[] smb;
        try (NetcdfFile nc = NetcdfFile.open(out.resolve("spatial.nc").toString())) {
            Variable v = nc.getVariables().stream().filter(x -> x.getShortName().equals("smb")).findFirst()
                    .orElseThrow();
            Array a = v.read();
            smb = new double[grid.size()];
            for (int k = 0; k < smb.length; k++) {
                smb[k] = a.getDouble(k);   // first time slice, rows south to north as written
            }
        }
        Path fine = FOLDER.resolve("aletsch1880.nc");
        Grid2D grid200 = GriddedInputReader.read(fine).grid();
        double[][] radiation200 = ClimateReader.readFieldOnGrid(fine, "direct_radiation", grid200);
        double[] redistribution200 = ClimateReader.readFieldOnGrid(fine, "snow_redistribution", grid200)[0];
        DailyClimate weather = ClimateReader.readDailyStation(FOLDER.resolve("temp_prec.dat"), 2766);
        AccMeltPeriods.Period period = ClimateReader.readAccMeltPeriods(FOLDER.resolve("mbparameter.dat")).of(1880);
        assertEquals(2.026e-3, period.meltFactor(), 1e-12);
        LocalDate start = LocalDate.of(1879, 10, 1);
        int days = 366;   // 1 Oct 1879 – 30 Sep 1880, a leap year
        float[] t = new float[days];
        float[] p = new float[days];
        for (int d = 0; d < days; d++) {
            t[d] = (float) weather.temperature(start.plusDays(d));
            p[d] = (float) (weather.precipitation(start.plusDays(d)) / PhysicalConstants.ICE_DENSITY);
        }
        AccMeltMassBalance.Settings settings = new AccMeltMassBalance.Settings(0.5, 2.5, 1.0, 1.25);
        int checked = 0;
        for (int j = 3; j < grid.ny(); j += 7) {
            for (int i = 2; i < grid.nx(); i += 5) {
                double[] monthly = new double[12];
                double redistribution = 0;
                for (int b = 0; b < 2; b++) {
                    for (int a = 0; a < 2; a++) {
                        int k200 = grid200.index(2 * i + a, 2 * j + b);
                        redistribution += redistribution200[k200] / 4;
                        for (int m = 0; m < 12; m++) {
                            monthly[m] += radiation200[m][k200] / 4;
                        }
                    }
                }
                double[] rad = new double[days];
                for (int d = 0; d < days; d++) {
                    int doy = start.plusDays(d).getDayOfYear();
                    double day = doy < 20 ? doy + 365 : doy;
                    int lo = Math.min(11, (int) Math.floor((day - 20) / 30));
                    double w = (day - (20 + 30 * lo)) / 30;
                    rad[d] = monthly[lo] * (1 - w) + monthly[(lo + 1) % 12] * w;
                }
                int k = grid.index(i, j);
                double expected = AccMeltMassBalance.balance(input.surface()[k], 2766, t, p, rad, redistribution,
                        period, settings);
                if (!(input.iceMask()[k] > 0.5)) {
                    expected = Math.min(expected, 0);   // smb.use_ice_mask: no accumulation outside the mask
                }
                assertEquals(expected, smb[k], 2e-4 * (1 + Math.abs(expected)), "cell " + i + ", " + j);
                checked++;
            }
        }
        assertTrue(checked > 30, "cells checked " + checked);
    }
}
