package igm.physics.massbalance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import igm.InputException;
import igm.grid.Grid2D;
import igm.physics.PhysicalConstants;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

class AccMeltMassBalanceTest {

    private static final AccMeltMassBalance.Settings IGM = new AccMeltMassBalance.Settings(0.5, 2.5, 1, 1);
    /** F_m = 2, r_ice = 0.02, r_snow = 0.01 mm K⁻¹ d⁻¹ (per W m⁻²); no gradients. */
    private static final AccMeltPeriods.Period FLAT = new AccMeltPeriods.Period(1800, 2200, 0.002, 0.00002,
            0.00001, 0, 0);

    @Test
    void snowThenIceMeltAndRainSnowPartitionAtHandComputedValues() {
        // radiation 100 W m⁻²: snow factor 0.002 + 0.001 = 0.003, ice factor 0.004 m K⁻¹ d⁻¹
        // day 1: −2 °C, 0.01 m → all snow (S = 0.01); day 2: 1.5 °C, 0.004 m → half solid (0.002), S = 0.012,
        // snow melt 1.5·0.003 = 0.0045 (S = 0.0075); day 3: 5 °C, dry → potential snow melt 0.015 > S: the snow
        // (0.0075) goes in half the day, ice melts the other half: 5·0.004·0.5 = 0.01.
        float[] t = {-2, 1.5f, 5};
        float[] p = {0.01f, 0.004f, 0};
        double[] rad = {100, 100, 100};
        double b = AccMeltMassBalance.balance(2766, 2766, t, p, rad, 1, FLAT, IGM);
        assertEquals(0.012 - 0.0045 - 0.0075 - 0.01, b, 1e-8);
        // weights and redistribution scale accumulation and melt
        double weighted = AccMeltMassBalance.balance(2766, 2766, t, p, rad, 1, FLAT,
                new AccMeltMassBalance.Settings(0.5, 2.5, 1, 2));
        // melt doubled: day 2 takes 0.009 (S = 0.003), day 3 the snow in 0.003/0.03 = 1/10 of the day, ice 9/10
        assertEquals(0.012 - 0.009 - 0.003 - 2 * 5 * 0.004 * 0.9, weighted, 1e-8);
    }

    @Test
    void lapseRatesBringTheStationToTheCell() {
        AccMeltPeriods.Period gradients = new AccMeltPeriods.Period(1800, 2200, 0.002, 0.00002, 0.00001, -0.005,
                0.001);
        // 200 m above the station: −1 K and ×1.2 precipitation. Day 1: 3 °C at the station → 2 °C: a quarter solid
        // of 0.01·1.2; day 2: 4 °C → 3 °C melting the 0.003 of snow first
        float[] t = {3, 4};
        float[] p = {0.01f, 0};
        double[] rad = {0, 0};
        double b = AccMeltMassBalance.balance(2966, 2766, t, p, rad, 1, gradients, IGM);
        double snow = 0.25 * 0.012;
        double snowPotential = 3 * 0.002;   // day 1 at 2 °C melts 2·0.002 = 0.004 > 0.003 of snow: all of it
        double day1Snow = Math.min(snow, 2 * 0.002);
        double day1Ice = 2 * 0.002 * (1 - day1Snow / (2 * 0.002));
        assertEquals(snow - day1Snow - day1Ice - snowPotential, b, 1e-8);
    }

    /** Linear interpolation between the radiation days 20, 50, …, 350, cyclic over 365 days. */
    private static double radiationAt(double[] monthly, int dayOfYear) {
        double day = dayOfYear < 20 ? dayOfYear + 365 : dayOfYear;
        int lo = Math.min(11, (int) Math.floor((day - 20) / 30));
        double from = 20 + 30 * lo;
        double to = lo == 11 ? 385 : from + 30;
        double w = (day - from) / (to - from);
        return monthly[lo] * (1 - w) + monthly[(lo + 1) % 12] * w;
    }

    @Test
    void vectorisedGridEqualsScalarOverTheHydrologicalYear() {
        LocalDate first = LocalDate.of(1999, 1, 1);
        int days = (int) (LocalDate.of(2003, 1, 1).toEpochDay() - first.toEpochDay());
        double[] t = new double[days];
        double[] p = new double[days];
        for (int d = 0; d < days; d++) {
            double phase = 2 * Math.PI * first.plusDays(d).getDayOfYear() / 365.0;
            t[d] = -6 - 9 * Math.cos(phase) + 3 * Math.sin(7.3 * d);
            p[d] = 4 + 4 * Math.sin(3.1 * d);
        }
        DailyClimate weather = new DailyClimate(first, t, p, 2766);
        Grid2D grid = Grid2D.of(21, 3, 100);
        int n = grid.size();
        double[] days12 = new double[12];
        double[][] radiation = new double[12][n];
        double[] redistribution = new double[n];
        double[] surface = new double[n];
        for (int m = 0; m < 12; m++) {
            days12[m] = 20 + 30 * m;
            for (int k = 0; k < n; k++) {
                radiation[m][k] = 50 + 250 * Math.sin(Math.PI * m / 11.0) * (0.5 + 0.5 * Math.cos(k));
            }
        }
        for (int k = 0; k < n; k++) {
            redistribution[k] = 0.8 + 0.4 * ((k * 7) % 5) / 4.0;
            surface[k] = 1800 + 2200.0 * k / n;
        }
        AccMeltPeriods periods = new AccMeltPeriods(List.of(
                new AccMeltPeriods.Period(1990, 2001, 0.0019, 0.000022, 0.000016, -0.0055, 0.00035),
                new AccMeltPeriods.Period(2001, 2100, 0.0023, 0.000027, 0.000021, -0.0055, 0.00035)));
        TimeTable modifiers = new TimeTable(ClimateScenario.COLUMNS, new double[][] {{2000, 0.5, 1.1}});
        AccMeltMassBalance model = new AccMeltMassBalance(weather, periods, grid, days12, radiation, redistribution,
                new ClimateScenario(ClimateScenario.Mode.ACTUAL, 0, 0, modifiers),
                new AccMeltMassBalance.Settings(0.5, 2.5, 1.0, 1.25));
        double[] smb = new double[n];
        model.compute(2001.3, grid, surface, new double[n], smb);
        // the reference: the days of 1 October 2000 to 30 September 2001 (365), period 2001
        LocalDate start = LocalDate.of(2000, 10, 1);
        float[] tDay = new float[365];
        float[] pDay = new float[365];
        for (int d = 0; d < 365; d++) {
            tDay[d] = (float) (weather.temperature(start.plusDays(d)) + 0.5);
            pDay[d] = (float) (weather.precipitation(start.plusDays(d)) * 1.1 / PhysicalConstants.ICE_DENSITY);
        }
        double largest = 0;
        for (int k = 0; k < n; k++) {
            double[] monthly = new double[12];
            for (int m = 0; m < 12; m++) {
                monthly[m] = radiation[m][k];
            }
            double[] rad = new double[365];
            for (int d = 0; d < 365; d++) {
                rad[d] = radiationAt(monthly, start.plusDays(d).getDayOfYear());
            }
            double expected = AccMeltMassBalance.balance(surface[k], 2766, tDay, pDay, rad, redistribution[k],
                    periods.periods().get(1), new AccMeltMassBalance.Settings(0.5, 2.5, 1.0, 1.25));
            largest = Math.max(largest, Math.abs(expected));
            assertEquals(expected, smb[k], 1e-4 * (1 + Math.abs(expected)), "cell " + k);
        }
        assertTrue(largest > 0.5, "the test should span real melt, largest |SMB| " + largest);
        assertEquals(1, model.evaluations());
        model.compute(2001.9, grid, surface, new double[n], smb);
        assertEquals(1, model.evaluations());
        // balance year 1999 needs October 1998, before the series
        InputException missing = assertThrows(InputException.class,
                () -> model.compute(1999.0, grid, surface, new double[n], new double[n]));
        assertTrue(missing.getMessage().contains("2000–2002"), missing.getMessage());
    }

    @Test
    void periodsAreLookedUpByBalanceYear() {
        AccMeltPeriods periods = new AccMeltPeriods(List.of(
                new AccMeltPeriods.Period(1880, 1926, 1, 0, 0, 0, 0),
                new AccMeltPeriods.Period(1926, 1957, 2, 0, 0, 0, 0)));
        assertEquals(1, periods.of(1800).meltFactor());
        assertEquals(1, periods.of(1925).meltFactor());
        assertEquals(2, periods.of(1926).meltFactor());
        assertEquals(2, periods.of(2100).meltFactor());
        assertThrows(InputException.class, () -> new AccMeltPeriods(List.of(
                new AccMeltPeriods.Period(1880, 1930, 1, 0, 0, 0, 0),
                new AccMeltPeriods.Period(1926, 1957, 2, 0, 0, 0, 0))));
        assertThrows(InputException.class, () -> new AccMeltPeriods.Period(1880, 1930, -1, 0, 0, 0, 0));
        assertThrows(InputException.class, () -> new AccMeltMassBalance.Settings(2.5, 0.5, 1, 1));
    }
}
