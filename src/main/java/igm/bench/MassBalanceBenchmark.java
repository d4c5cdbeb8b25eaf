package igm.bench;

import igm.grid.Grid2D;
import igm.io.ClimateReader;
import igm.io.GriddedInput;
import igm.io.GriddedInputReader;
import igm.physics.massbalance.AccMeltFields;
import igm.physics.massbalance.AccMeltMassBalance;
import igm.physics.massbalance.AccMeltPeriods;
import igm.physics.massbalance.ClimateScenario;
import igm.physics.massbalance.DailyClimate;
import igm.physics.massbalance.MonthlyClimate;
import igm.physics.massbalance.PddMassBalance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Prints the cost of one annual balance of the climate-driven SMB models on the grid of
 * {@code examples/aletsch-1880}: accmelt (365 or 366 days) and,
 * when OGGM's climate is found in the shared data, pdd (12 months); the first evaluations (JIT compilation)
 * separately from the median of the following ones.
 *
 * <p>Usage: {@code MassBalanceBenchmark [exampleFolder=examples/aletsch-1880] [oggmClimate.nc] [years=60]}
 */
public final class MassBalanceBenchmark {

    private MassBalanceBenchmark() {
    }

    /** Runs the benchmark described in the class comment. */
    public static void main(String[] args) {
        Path folder = Path.of(args.length > 0 ? args[0] : "examples/aletsch-1880");
        Path oggm = args.length > 1 ? Path.of(args[1]) : Path.of("../shared/data/aletsch/oggm_climate_historical.nc");
        int years = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        GriddedInput input = GriddedInputReader.read(folder.resolve("aletsch1880.nc"));
        Grid2D grid = input.grid();
        DailyClimate weather = ClimateReader.readDailyStation(folder.resolve("temp_prec.dat"), 2766);
        AccMeltPeriods periods = ClimateReader.readAccMeltPeriods(folder.resolve("mbparameter.dat"));
        AccMeltFields fields = ClimateReader.readAccMeltFields(folder.resolve("aletsch1880.nc"), grid);
        AccMeltMassBalance accmelt = new AccMeltMassBalance(weather, periods, grid, fields.radiationDays(),
                fields.radiation(), fields.redistribution(), ClimateScenario.actual(),
                new AccMeltMassBalance.Settings(0.5, 2.5, 1, 1.1));
        double[] smb = new double[grid.size()];
        double[] times = new double[years];
        for (int y = 0; y < years; y++) {
            long t0 = System.nanoTime();
            accmelt.annualBalance(1880 + y % 137, grid, input.surface(), smb);
            times[y] = (System.nanoTime() - t0) * 1e-6;
        }
        report("accmelt", grid, times, 366);
        if (Files.isRegularFile(oggm)) {
            MonthlyClimate climate = ClimateReader.readOggmMonthly(oggm);
            PddMassBalance pdd = new PddMassBalance(climate, ClimateScenario.actual(), PddMassBalance.Factors.paper());
            for (int y = 0; y < years; y++) {
                long t0 = System.nanoTime();
                pdd.annualBalance(1901 + y % 119, grid, input.surface(), smb);
                times[y] = (System.nanoTime() - t0) * 1e-6;
            }
            report("pdd", grid, times, 12);
        } else {
            System.out.println("pdd: " + oggm + " not found, skipped");
        }
    }

    private static void report(String name, Grid2D grid, double[] times, int stepsPerYear) {
        double first = times[0] + (times.length > 1 ? times[1] : 0) + (times.length > 2 ? times[2] : 0);
        double[] rest = Arrays.copyOfRange(times, Math.min(times.length - 1, times.length / 2), times.length);
        Arrays.sort(rest);
        double median = rest[rest.length / 2];
        double total = Arrays.stream(times).sum();
        System.out.printf(Locale.ROOT, "%s on %s: %d years in %.0f ms, the first 3 %.0f ms (JIT), median of the last "
                        + "half %.3f ms per year = %.2f ns per cell and %s%n", name, grid, times.length, total, first,
                median, median * 1e6 / grid.size() / stepsPerYear, stepsPerYear == 12 ? "month" : "day");
    }
}
