package igm.io;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The learning curves of a training, training and validation loss over the epochs on a log scale, as a PNG. */
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
        XYChart chart = new XYChartBuilder().width(800).height(480).title(title).xAxisTitle("Epoch")
                .yAxisTitle("L1 loss (normalised)").build();
        ChartStyle.plain(chart);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setXAxisDecimalPattern("0");
        add(chart, "training", epochs, training, new Color(Colormap.viridis(0.15)));
        add(chart, "validation", epochs, validation, new Color(Colormap.viridis(0.7)));
        AtomicOutput.writePng(target, BitmapEncoder.getBufferedImage(chart));
    }

    private static void add(XYChart chart, String name, double[] x, double[] y, Color colour) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int k = 0; k < x.length; k++) {
            if (Double.isFinite(y[k]) && y[k] > 0) {
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
