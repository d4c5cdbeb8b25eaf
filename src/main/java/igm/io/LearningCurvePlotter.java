package igm.io;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The learning curves of a training as a PNG: training and validation loss over the epochs on a log scale, or any
 * named curves.
 */
public final class LearningCurvePlotter {

    private LearningCurvePlotter() {
    }

    /**
     * Writes the plot atomically.
     *
     * @param target     the PNG file
     * @param title      the chart's title
     * @param epochs     epoch numbers
     * @param training   training loss per epoch
     * @param validation validation loss per epoch (NaN entries are left out)
     */
    public static void plot(Path target, String title, double[] epochs, double[] training, double[] validation) {
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("training", training);
        series.put("validation", validation);
        plot(target, title, "L1 loss (normalised)", true, epochs, series);
    }

    /**
     * Writes a plot of any curves over the epochs atomically, each in its own colour (viridis, in order).
     *
     * @param target      the PNG file
     * @param yAxisTitle  the y axis's title
     * @param logarithmic whether the y axis is logarithmic (then entries ≤ 0 are left out, as NaN entries always are)
     * @param epochs      epoch numbers
     * @param series      name → values per epoch, in legend order
     */
    public static void plot(Path target, String title, String yAxisTitle, boolean logarithmic, double[] epochs,
                            Map<String, double[]> series) {
        plot(target, title, "Epoch", yAxisTitle, logarithmic, epochs, series);
    }

    /** As {@link #plot(Path, String, String, boolean, double[], Map)} over another x axis (e.g. iterations). */
    public static void plot(Path target, String title, String xAxisTitle, String yAxisTitle, boolean logarithmic,
                            double[] epochs, Map<String, double[]> series) {
        XYChart chart = new XYChartBuilder().width(800).height(480).title(title).xAxisTitle(xAxisTitle)
                .yAxisTitle(yAxisTitle).build();
        ChartStyle.plain(chart);
        chart.getStyler().setYAxisLogarithmic(logarithmic);
        chart.getStyler().setXAxisDecimalPattern("0");
        int k = 0;
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            // two curves keep the colours of the training and validation curves
            double position = series.size() == 2 ? (k == 0 ? 0.15 : 0.7)
                    : 0.1 + 0.8 * k / Math.max(1, series.size() - 1);
            add(chart, e.getKey(), epochs, e.getValue(), new Color(Colormap.viridis(position)), logarithmic);
            k++;
        }
        AtomicOutput.writePng(target, BitmapEncoder.getBufferedImage(chart));
    }

    private static void add(XYChart chart, String name, double[] x, double[] y, Color colour, boolean positive) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int k = 0; k < x.length; k++) {
            if (Double.isFinite(y[k]) && (y[k] > 0 || !positive)) {
                xs.add(x[k]);
                ys.add(y[k]);
            }
        }
        if (xs.isEmpty()) {
            return;
        }
        XYSeries s = chart.addSeries(name, xs, ys);
        s.setMarker(xs.size() <= 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        s.setLineColor(colour);
        s.setMarkerColor(colour);
    }
}
