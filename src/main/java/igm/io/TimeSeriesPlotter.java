package igm.io;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Plots scalar time series as a PNG: one panel per series, stacked vertically, sharing the time axis (years),
 * drawn with XChart and written atomically.
 */
public final class TimeSeriesPlotter {

    private static final int WIDTH = 800;
    private static final int PANEL_HEIGHT = 260;
    private static final int TITLE_HEIGHT = 36;

    /**
     * One panel.
     *
     * @param label  what is plotted, e.g. "Ice volume"
     * @param units  units for the axis label, e.g. "km³"
     * @param values one value per time
     */
    public record Panel(String label, String units, double[] values) {
    }

    /**
     * A panel of several series drawn together, with a legend (e.g. a run with the instructor and with its emulator).
     *
     * @param label  what is plotted
     * @param units  units for the axis label
     * @param series the series by legend name, each one value per time, in drawing order
     */
    public record SharedPanel(String label, String units, java.util.SequencedMap<String, double[]> series) {
    }

    private TimeSeriesPlotter() {
    }

    /** Three panels: ice volume (km³), glacierised area (km²) and the largest surface speed (m/a). */
    public static void plotGlacier(Path target, String title, double[] timeYears, double[] volumeKm3,
                                   double[] areaKm2, double[] maxSpeedMetresPerYear) {
        plot(target, title, timeYears, List.of(new Panel("Ice volume", "km³", volumeKm3),
                new Panel("Glacierised area", "km²", areaKm2),
                new Panel("Largest surface speed", "m/a", maxSpeedMetresPerYear)));
    }

    /**
     * Writes one PNG with a panel per series.
     *
     * @throws IllegalArgumentException if a series has not one value per time, or there are no panels
     */
    public static void plot(Path target, String title, double[] timeYears, List<Panel> panels) {
        BufferedImage image = render(title, timeYears, panels);
        AtomicOutput.writePng(target, image);
    }

    /** Writes one PNG with a panel of several series (and a legend) per quantity. */
    public static void plotShared(Path target, String title, double[] timeYears, List<SharedPanel> panels) {
        AtomicOutput.writePng(target, renderShared(title, timeYears, panels, true));
    }

    /** The plot as an image (see {@link #plot}). */
    public static BufferedImage render(String title, double[] timeYears, List<Panel> panels) {
        List<SharedPanel> shared = new ArrayList<>();
        for (Panel p : panels) {
            java.util.SequencedMap<String, double[]> one = new java.util.LinkedHashMap<>();
            one.put(p.label(), p.values());
            shared.add(new SharedPanel(p.label(), p.units(), one));
        }
        return renderShared(title, timeYears, shared, false);
    }

    private static BufferedImage renderShared(String title, double[] timeYears, List<SharedPanel> panels,
                                              boolean legend) {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("no time series to plot");
        }
        List<BufferedImage> images = new ArrayList<>();
        for (int p = 0; p < panels.size(); p++) {
            SharedPanel panel = panels.get(p);
            XYChart chart = new XYChartBuilder().width(WIDTH).height(PANEL_HEIGHT)
                    .xAxisTitle(p == panels.size() - 1 ? "Time (years)" : "")
                    .yAxisTitle(panel.label() + " (" + panel.units() + ")").build();
            chart.getStyler().setLegendVisible(legend);
            ChartStyle.plain(chart);
            chart.getStyler().setXAxisDecimalPattern("0.##");
            int n = panel.series().size();
            int line = 0;
            for (var entry : panel.series().entrySet()) {
                if (entry.getValue().length != timeYears.length) {
                    throw new IllegalArgumentException("series '" + entry.getKey() + "' has "
                            + entry.getValue().length + " values for " + timeYears.length + " times");
                }
                double[] x = timeYears.length == 0 ? new double[] {0} : timeYears;
                double[] y = timeYears.length == 0 ? new double[] {0} : entry.getValue();
                XYSeries series = chart.addSeries(entry.getKey(), x, y);
                series.setMarker(timeYears.length <= 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
                double shade = n > 1 ? 0.1 + 0.65 * line / (n - 1.0)
                        : 0.1 + 0.65 * p / Math.max(1, panels.size() - 1);
                Color colour = new Color(Colormap.viridis(shade));
                series.setLineColor(colour);
                series.setMarkerColor(colour);
                line++;
            }
            images.add(BitmapEncoder.getBufferedImage(chart));
        }
        int height = TITLE_HEIGHT + images.stream().mapToInt(BufferedImage::getHeight).sum();
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString(title == null ? "" : title, 16, 24);
            int top = TITLE_HEIGHT;
            for (BufferedImage panelImage : images) {
                g.drawImage(panelImage, 0, top, null);
                top += panelImage.getHeight();
            }
        } finally {
            g.dispose();
        }
        return image;
    }
}
