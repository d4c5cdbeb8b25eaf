package igm.physics.massbalance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import igm.InputException;
import igm.grid.Grid2D;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

class PddMassBalanceTest {

    /** E[max(T, 0)] by Simpson's rule over μ ± 14σ of x·φ(x), 40 000 intervals. */
    private static double integratedPositiveTemperature(double mu, double sigma) {
        double a = Math.max(0, mu - 14 * sigma);
        double b = Math.max(a, mu + 14 * sigma);
        int n = 40_000;
        double h = (b - a) / n;
        double sum = 0;
        for (int i = 0; i <= n; i++) {
            double x = a + i * h;
            double f = x * Math.exp(-0.5 * (x - mu) * (x - mu) / (sigma * sigma)) / (sigma * Math.sqrt(2 * Math.PI));
            sum += f * (i == 0 || i == n ? 1 : (i % 2 == 1 ? 4 : 2));
        }
        return sum * h / 3;
    }

    @Test
    void expectedPositiveTemperatureEqualsNumericalIntegrationOfTheNormalDensity() {
        double worst = 0;
        for (double mu : new double[] {-15, -8, -3, -1, -0.2, 0, 0.3, 1, 2, 5, 12}) {
            for (double sigma : new double[] {0.5, 1, 2.5, 5}) {
                double exact = integratedPositiveTemperature(mu, sigma);
                double approx = PositiveDegreeDays.expectedPositiveTemperature(mu, sigma);
                double error = Math.abs(approx - exact);
                worst = Math.max(worst, error / (1 + Math.abs(mu)));
                assertEquals(exact, approx, 2e-7 * (1 + Math.abs(mu)), "mu " + mu + " sigma " + sigma);
            }
        }
        System.out.printf("PDD expectation vs numerical integration: worst error / (1 + |mu|) = %.2e K%n", worst);
        // limits: far below 0 nothing, far above the mean itself, σ = 0 the positive part
        assertEquals(0, PositiveDegreeDays.expectedPositiveTemperature(-30, 1), 1e-12);
        assertEquals(30, PositiveDegreeDays.expectedPositiveTemperature(30, 1), 1e-12);
        assertEquals(4.0, PositiveDegreeDays.expectedPositiveTemperature(4, 0), 0);
        assertEquals(0.0, PositiveDegreeDays.expectedPositiveTemperature(-4, 0), 0);
        // μ = 0: σ/√(2π)
        assertEquals(2 / Math.sqrt(2 * Math.PI), PositiveDegreeDays.expectedPositiveTemperature(0, 2), 1e-7);
    }

    @Test
    void erfcAtTabulatedValues() {
        assertEquals(1.0, PositiveDegreeDays.erfc(0), 2e-7);
        assertEquals(0.4795001222, PositiveDegreeDays.erfc(0.5), 2e-7);
        assertEquals(0.1572992071, PositiveDegreeDays.erfc(1), 2e-7);
        assertEquals(1.8427007929, PositiveDegreeDays.erfc(-1), 2e-7);
        assertEquals(0.0046777350, PositiveDegreeDays.erfc(2), 2e-7);
    }

    @Test
    void vectorExpectationEqualsScalar() {
        var species = PositiveDegreeDays.species();
        Random random = new Random(3);
        float[] mu = new float[species.length()];
        float[] sigma = new float[species.length()];
        float[] out = new float[species.length()];
        for (int trial = 0; trial < 200; trial++) {
            for (int l = 0; l < mu.length; l++) {
                mu[l] = (float) (random.nextGaussian() * 8);
                sigma[l] = (float) (0.05 + random.nextDouble() * 6);
            }
            PositiveDegreeDays.expectedPositiveTemperature(FloatVector.fromArray(species, mu, 0),
                    FloatVector.fromArray(species, sigma, 0)).intoArray(out, 0);
            for (int l = 0; l < mu.length; l++) {
                double expected = PositiveDegreeDays.expectedPositiveTemperature(mu[l], sigma[l]);
                assertEquals(expected, out[l], 1e-6 * (1 + Math.abs(mu[l])), "mu " + mu[l] + " sigma " + sigma[l]);
            }
        }
    }

    @Test
    void vectorExponentialMatchesMathExp() {
        var species = PositiveDegreeDays.species();
        float[] x = new float[species.length()];
        float[] out = new float[species.length()];
        double worst = 0;
        for (int i = 0; i < 20000; i += x.length) {
            for (int l = 0; l < x.length; l++) {
                x[l] = -87f * (i + l) / 20000;
            }
            PositiveDegreeDays.expNonPositive(FloatVector.fromArray(species, x, 0)).intoArray(out, 0);
            for (int l = 0; l < x.length; l++) {
                double exact = Math.exp(x[l]);
                worst = Math.max(worst, Math.abs(out[l] - exact) / exact);
            }
        }
        System.out.printf("vector exp on [-87, 0]: worst relative error %.2e%n", worst);
        assertEquals(0, worst, 3e-7);
        x[0] = -200;
        PositiveDegreeDays.expNonPositive(FloatVector.fromArray(species, x, 0)).intoArray(out, 0);
        assertEquals(Math.exp(-87), out[0], 1e-44);   // clamped: negligible instead of 0
    }

    @Test
    void rainSnowPartitionIsLinearBetweenTheThresholds() {
        assertEquals(1.0, PositiveDegreeDays.solidFraction(-1, 0, 2), 0);
        assertEquals(1.0, PositiveDegreeDays.solidFraction(0, 0, 2), 0);
        assertEquals(0.75, PositiveDegreeDays.solidFraction(0.5, 0, 2), 1e-15);
        assertEquals(0.5, PositiveDegreeDays.solidFraction(1, 0, 2), 1e-15);
        assertEquals(0.0, PositiveDegreeDays.solidFraction(2, 0, 2), 0);
        assertEquals(0.0, PositiveDegreeDays.solidFraction(3, 0, 2), 0);
    }

    /** −10 °C all year but July at +10 °C, σ = 0 (no variability), the same precipitation every month. */
    private static double[] julyWarm() {
        double[] t = new double[12];
        Arrays.fill(t, -10);
        t[6] = 10;
        return t;
    }

    private static double[] filled(double v) {
        double[] a = new double[12];
        Arrays.fill(a, v);
        return a;
    }

    @Test
    void lapseRateAndPrecipitationGradientAtHandComputedValues() {
        // 1000 m above the reference: T = −16.5 (eleven months), +3.5 in July; P = 100·(1 + 0.35) = 135 mm.
        // July is rain (3.5 ≥ 2 °C) and has 31·3.5 = 108.5 K d: 3·108.5 = 325.5 mm of the 810 mm of snow melt.
        // SMB = (11·135 − 325.5) mm w.e. = 1159.5 kg m⁻² → 1159.5 / 910 m ice eq.
        double smb = PddMassBalance.balance(2766 + 1000, 2766, julyWarm(), filled(100), filled(0), 0, 1,
                PddMassBalance.Factors.paper());
        assertEquals(1159.5 / 910, smb, 1e-3 / 910);
    }

    @Test
    void snowMeltsBeforeIce() {
        // At the reference: 10 mm of snow in each month but July; by July 60 mm of snow. July has 310 K d:
        // the snow takes 60 / 3 = 20 K d, the remaining 290 K d melt ice at 8 mm K⁻¹ d⁻¹ = 2320 mm.
        // SMB = 110 − 60 − 2320 = −2270 mm w.e. (melting ice first would give 110 − 8·310 = −2370).
        double smb = PddMassBalance.balance(1000, 1000, julyWarm(), filled(10), filled(0), 0, 1,
                PddMassBalance.Factors.paper());
        assertEquals(-2270.0 / 910, smb, 1e-3 / 910);
        // +5 K: the other months at −5 °C stay solid and melt-free; July at 15 °C has 465 K d, 20 of them for the
        // snow and 445 for ice
        double warmer = PddMassBalance.balance(1000, 1000, julyWarm(), filled(10), filled(0), 5, 1,
                PddMassBalance.Factors.paper());
        assertEquals((110 - 60 - 8 * (465 - 20)) / 910.0, warmer, 1e-3 / 910);
    }

    @Test
    void vectorisedGridEqualsScalarBalanceAndIsComputedOncePerYear() {
        Random random = new Random(11);
        int nYears = 3;
        double[] t = new double[12 * nYears];
        double[] p = new double[12 * nYears];
        double[] s = new double[12 * nYears];
        for (int m = 0; m < t.length; m++) {
            t[m] = -4 + 10 * Math.sin(Math.PI * (m % 12) / 11.0) + random.nextGaussian();
            p[m] = 50 + 100 * random.nextDouble();
            s[m] = 1 + 3 * random.nextDouble();
        }
        MonthlyClimate climate = MonthlyClimate.point(1764, 2000, t, p, s);
        Grid2D grid = Grid2D.of(37, 3, 100);
        double[] surface = new double[grid.size()];
        for (int k = 0; k < surface.length; k++) {
            surface[k] = 1500 + 2500.0 * k / surface.length;
        }
        TimeTable modifiers = new TimeTable(ClimateScenario.COLUMNS, new double[][] {{2000, 0, 1}, {2010, 2, 0.8}});
        ClimateScenario scenario = new ClimateScenario(ClimateScenario.Mode.CYCLE, 2000, 2002, modifiers);
        PddMassBalance pdd = new PddMassBalance(climate, scenario, PddMassBalance.Factors.paper());
        double[] smb = new double[grid.size()];
        pdd.compute(2004.2, grid, surface, new double[grid.size()], smb);   // climate of 2001, modifiers of 2004.5
        double dT = 2 * 0.45;
        double pf = 1 - 0.2 * 0.45;
        double max = 0;
        for (int k = 0; k < surface.length; k++) {
            double expected = PddMassBalance.balance(surface[k], 1764, Arrays.copyOfRange(t, 12, 24),
                    Arrays.copyOfRange(p, 12, 24), Arrays.copyOfRange(s, 12, 24), dT, pf,
                    PddMassBalance.Factors.paper());
            max = Math.max(max, Math.abs(expected));
            assertEquals(expected, smb[k], 2e-5 * (1 + Math.abs(expected)), "cell " + k);
        }
        assertEquals(1, pdd.evaluations());
        double[] again = new double[grid.size()];
        surface[0] += 500;   // within the year the surface change is not seen
        pdd.compute(2004.9, grid, surface, new double[grid.size()], again);
        assertArrayEquals(smb, again);
        assertEquals(1, pdd.evaluations());
        pdd.compute(2005.0, grid, surface, new double[grid.size()], again);
        assertEquals(2, pdd.evaluations());
    }

    @Test
    void griddedClimateEqualsThePointClimateItBroadcasts() {
        Grid2D grid = Grid2D.of(19, 2, 100);
        int n = grid.size();
        double[] t = julyWarm();
        double[][] tg = new double[12][];
        double[][] pg = new double[12][];
        double[][] sg = new double[12][];
        for (int m = 0; m < 12; m++) {
            tg[m] = new double[n];
            Arrays.fill(tg[m], t[m]);
            pg[m] = new double[n];
            Arrays.fill(pg[m], 80);
            sg[m] = new double[n];
            Arrays.fill(sg[m], 2.5);
        }
        double[] ref = new double[n];
        Arrays.fill(ref, 2000);
        MonthlyClimate gridded = MonthlyClimate.gridded(grid, ref, 1990, tg, pg, sg);
        MonthlyClimate point = MonthlyClimate.point(2000, 1990, t, filled(80), filled(2.5));
        double[] surface = new double[n];
        for (int k = 0; k < n; k++) {
            surface[k] = 1200 + 60.0 * k;
        }
        double[] a = new double[n];
        double[] b = new double[n];
        new PddMassBalance(gridded, ClimateScenario.actual(), PddMassBalance.Factors.paper())
                .annualBalance(1990, grid, surface, a);
        new PddMassBalance(point, ClimateScenario.actual(), PddMassBalance.Factors.paper())
                .annualBalance(1990, grid, surface, b);
        assertArrayEquals(b, a);
        InputException wrongGrid = assertThrows(InputException.class, () -> new PddMassBalance(gridded,
                ClimateScenario.actual(), PddMassBalance.Factors.paper()).annualBalance(1990, Grid2D.of(5, 5, 100),
                new double[25], new double[25]));
        assertEquals(true, wrongGrid.getMessage().contains("gridded climate"), wrongGrid.getMessage());
    }

    @Test
    void scenarioMapsYearsAndRejectsMissingClimate() {
        ClimateScenario cycle = new ClimateScenario(ClimateScenario.Mode.CYCLE, 2000, 2002, null);
        assertEquals(2000, cycle.climateYear(2003, 1990, 2010));
        assertEquals(2002, cycle.climateYear(1999, 1990, 2010));
        assertEquals(2002, cycle.climateYear(1801, 1990, 2010));   // −199 mod 3 = 2
        ClimateScenario repeat = new ClimateScenario(ClimateScenario.Mode.CYCLE, 2005, 2005, null);
        assertEquals(2005, repeat.climateYear(-20000, 1990, 2010));
        InputException outside = assertThrows(InputException.class,
                () -> ClimateScenario.actual().climateYear(2030, 1901, 2019));
        assertEquals(true, outside.getMessage().contains("1901–2019"), outside.getMessage());
        assertThrows(InputException.class, () -> new ClimateScenario(ClimateScenario.Mode.CYCLE, 2005, 2000, null));
        assertThrows(InputException.class, () -> new ClimateScenario(ClimateScenario.Mode.ACTUAL, 0, 0,
                TimeTable.constant(List.of("time", "delta_temp", "prec_factor"), 2000, 1, -0.5)));
        assertThrows(InputException.class, () -> MonthlyClimate.point(1000, 2000, new double[11], new double[11],
                new double[11]));
        assertThrows(InputException.class, () -> MonthlyClimate.point(1000, 2000, filled(0), filled(-1),
                filled(1)));
    }

    @Test
    void climatologyAveragesEachMonth() {
        double[] t = new double[24];
        double[] p = new double[24];
        double[] s = new double[24];
        for (int m = 0; m < 24; m++) {
            t[m] = m;
            p[m] = 2 * m;
            s[m] = 1;
        }
        MonthlyClimate mean = MonthlyClimate.point(500, 2000, t, p, s).climatology(2000, 2001);
        assertEquals(2000, mean.firstYear());
        assertEquals(2000, mean.lastYear());
        assertEquals(6.0, mean.temperatureAt(2000, 0, 0), 1e-6);     // (0 + 12) / 2
        assertEquals(2 * 17.0, mean.precipitationAt(2000, 11, 0), 1e-5); // (22 + 46) / 2
    }
}
