package igm.verification;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import java.awt.Color;


import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import igm.SimulationException;
import igm.io.AtomicOutput;
import igm.io.Colormap;

/**
 * A verification case of the coupled SIA and thickness update against a {@link SiaDomeSolution}: runs
 * {@link SiaDomeRun} on a sequence of grids, tabulates the errors at the end and fits the observed orders of the
 * volume, dome-height and mean-thickness errors. The small grids run in CI, the full list adds finer ones.
 * {@link #run} writes {@code <name>.csv} (one row per grid) and {@code <name>-convergence.png} (the relative errors
 * over Δx, log–log) when given an output folder.
 */
public abstract sealed class SiaDomeCase implements VerificationCase permits HalfarTestBCase, BuelerTestCCase {

    /**
     * The runs of one call and their fitted orders.
     *
     * @param runs        one run per grid, coarsest first
     * @param volumeOrder observed order of the relative volume error
     * @param growthOrder observed order of the volume-growth error (NaN without accumulation, where that error is
     *                    rounding only)
     * @param domeOrder   observed order of the relative dome-height error
     * @param meanOrder   observed order of the mean |H − H_exact|
     */
    public record Result(List<SiaDomeRun> runs, double volumeOrder, double growthOrder, double domeOrder,
                         double meanOrder) {

        public Result {
            runs = List.copyOf(runs);
        }

        /** The order of {@code error} fitted over the runs. */
        public static double order(List<SiaDomeRun> runs, ToDoubleFunction<SiaDomeRun> error) {
            double[] dx = new double[runs.size()];
            double[] e = new double[runs.size()];
            for (int k = 0; k < dx.length; k++) {
                dx[k] = runs.get(k).dx();
                e[k] = error.applyAsDouble(runs.get(k));
            }
            return ConvergenceOrder.fit(dx, e);
        }
    }

    private final SiaDomeSolution exact;
    private final double halfWidth;
    private final double tStart;
    private final double tEnd;
    private final double[] smallGridsKm;
    private final double[] fullGridsKm;

    SiaDomeCase(SiaDomeSolution exact, double halfWidth, double tStart, double tEnd, double[] smallGridsKm,
                double[] fullGridsKm) {
        this.exact = exact;
        this.halfWidth = halfWidth;
        this.tStart = tStart;
        this.tEnd = tEnd;
        this.smallGridsKm = smallGridsKm.clone();
        this.fullGridsKm = fullGridsKm.clone();
    }

    /** The exact solution. */
    public SiaDomeSolution solution() {
        return exact;
    }

    /** Half-width of the square domain, m. */
    public double halfWidth() {
        return halfWidth;
    }

    /** Start time, years. */
    public double startTime() {
        return tStart;
    }

    /** End time, years. */
    public double endTime() {
        return tEnd;
    }

    /** Cell sizes, km, of the small ({@code full = false}) or full grid sequence, coarsest first. */
    public double[] gridsKm(boolean full) {
        return (full ? fullGridsKm : smallGridsKm).clone();
    }

    /** Runs every grid of the sequence and fits the orders (about a second for the small grids). */
    public Result compute(boolean full) {
        List<SiaDomeRun> runs = new ArrayList<>();
        for (double km : gridsKm(full)) {
            runs.add(SiaDomeRun.run(exact, km * 1e3, halfWidth, tStart, tEnd));
        }
        double growthOrder = exact.lambda() > 0 ? Result.order(runs, SiaDomeRun::growthError) : Double.NaN;
        return new Result(runs, Result.order(runs, SiaDomeRun::volumeError), growthOrder,
                Result.order(runs, SiaDomeRun::domeError), Result.order(runs, SiaDomeRun::meanThicknessError));
    }

    @Override
    public VerificationReport run(boolean full, Path outputFolder) {
        Result result = compute(full);
        if (outputFolder != null) {
            writeCsv(result, outputFolder.resolve(name() + ".csv"));
            writePlot(result, outputFolder.resolve(name() + "-convergence.png"));
        }
        return report(result);
    }

    /** The table of a result: one row per grid, the fitted orders and the set-up as notes. */
    public VerificationReport report(Result result) {
        VerificationReport.Builder b = new VerificationReport.Builder(name(), title(), "dx (km)", "cells",
                "steps", "rel. volume error", "volume-growth error", "rel. dome-height error", "mean abs(H error) (m)",
                "max abs(H error) (m)", "margin (km), exact / numerical");
        for (SiaDomeRun r : result.runs()) {
            b.row(VerificationReport.cell(r.dx() / 1e3), r.nx() + "²", r.steps(), r.volumeError(), r.growthError(), r.domeError(),
                    r.meanThicknessError(), r.maxThicknessError(), String.format(Locale.ROOT, "%.0f / %.0f",
                            r.marginRadiusExact() / 1e3, r.marginRadiusNumerical() / 1e3));
        }
        b.note(String.format(Locale.ROOT, "observed order (least squares over all grids): volume %.2f,%s dome height"
                + " %.2f, mean abs(H error) %.2f", result.volumeOrder(), Double.isNaN(result.growthOrder()) ? ""
                : String.format(Locale.ROOT, " volume growth %.2f,", result.growthOrder()), result.domeOrder(),
                result.meanOrder()));
        b.note("volume-growth error: abs((V_end/V_start) / (V_exact(end)/V_exact(start)) − 1), the volume change"
                + " alone without the sampling error of the initial state");
        b.note(String.format(Locale.ROOT, "from the exact solution at t = %.2f a to t = %.2f a; square of half-width"
                + " %.0f km centred on the dome; exact dome %.1f m and volume %.5e m³ at the end", tStart, tEnd,
                halfWidth / 1e3, exact.domeHeight(tEnd), exact.volume(tEnd)));
        double worstResidual = 0;
        for (SiaDomeRun r : result.runs()) {
            worstResidual = Math.max(worstResidual, Math.abs(r.budget().relativeResidual()));
        }
        b.note(String.format(Locale.ROOT, "mass-budget residual at most %.1e of the volume", worstResidual));
        return b.build();
    }

    /** The table's title. */
    protected abstract String title();

    private void writePlot(Result result, Path file) {
        XYChart chart = new XYChartBuilder().width(700).height(480).title(title()).xAxisTitle("dx (km)")
                .yAxisTitle("relative error").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        int n = result.runs().size();
        double[] dxKm = new double[n];
        double[][] errors = new double[3][n];
        for (int k = 0; k < n; k++) {
            SiaDomeRun r = result.runs().get(k);
            dxKm[k] = r.dx() / 1e3;
            errors[0][k] = r.volumeError();
            errors[1][k] = r.domeError();
            errors[2][k] = r.growthError();
        }
        String[] labels = {String.format(Locale.ROOT, "volume (order %.2f)", result.volumeOrder()),
            String.format(Locale.ROOT, "dome height (order %.2f)", result.domeOrder()),
            String.format(Locale.ROOT, "volume growth (order %.2f)", result.growthOrder())};
        int series = Double.isNaN(result.growthOrder()) ? 2 : 3;
        for (int s = 0; s < series; s++) {
            XYSeries line = chart.addSeries(labels[s], dxKm, errors[s]);
            line.setMarker(SeriesMarkers.CIRCLE);
            Color colour = new Color(Colormap.viridis(0.1 + 0.35 * s));
            line.setLineColor(colour);
            line.setMarkerColor(colour);
        }
        java.awt.image.BufferedImage image = BitmapEncoder.getBufferedImage(chart);
        AtomicOutput.writePng(file, image);
    }

    private static void writeCsv(Result result, Path file) {
        List<String> lines = new ArrayList<>();
        lines.add("dx_m,nx,steps,seconds,volume_error,growth_error,dome_error,mean_abs_thickness_error_m,"
                + "max_abs_thickness_error_m,margin_exact_m,margin_numerical_m,outflow_m3,budget_residual");
        for (SiaDomeRun r : result.runs()) {
            lines.add(String.format(Locale.ROOT, "%g,%d,%d,%.3f,%.6e,%.6e,%.6e,%.6e,%.6e,%.1f,%.1f,%.6e,%.3e", r.dx(),
                    r.nx(), r.steps(), r.seconds(), r.volumeError(), r.growthError(), r.domeError(), r.meanThicknessError(),
                    r.maxThicknessError(), r.marginRadiusExact(), r.marginRadiusNumerical(),
                    r.budget().outflowVolume(), r.budget().relativeResidual()));
        }
        AtomicOutput.writeText(file, String.join("\n", lines) + "\n");
    }
}
