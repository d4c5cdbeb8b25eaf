package igm.verification;

import igm.InputException;
import igm.io.AtomicOutput;
import igm.io.Colormap;
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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A surface-velocity profile of a benchmark (ISMIP-HOM): positions in units of the domain length and the velocity
 * components at the surface, m a⁻¹; written as CSV and plotted.
 *
 * @param label what the profile is (e.g. "L = 80 km")
 * @param xHat  x/L
 * @param yHat  y/L
 * @param vx    surface velocity along x, m a⁻¹
 * @param vy    surface velocity along y, m a⁻¹
 */
record SurfaceProfile(String label, double[] xHat, double[] yHat, double[] vx, double[] vy) {

    /** Largest surface speed along the profile, m a⁻¹. */
    double maxSpeed() {
        double m = 0;
        for (int i = 0; i < vx.length; i++) {
            m = Math.max(m, Math.hypot(vx[i], vy[i]));
        }
        return m;
    }

    /** Mean surface speed along the profile, m a⁻¹. */
    double meanSpeed() {
        double m = 0;
        for (int i = 0; i < vx.length; i++) {
            m += Math.hypot(vx[i], vy[i]);
        }
        return m / vx.length;
    }

    /** x/L where the speed is largest. */
    double argMax() {
        int best = 0;
        for (int i = 1; i < vx.length; i++) {
            if (Math.hypot(vx[i], vy[i]) > Math.hypot(vx[best], vy[best])) {
                best = i;
            }
        }
        return xHat[best];
    }

    /** Writes the profile as CSV with the header {@code x_hat,y_hat,vx_surface,vy_surface}. */
    void writeCsv(Path target) {
        StringBuilder b = new StringBuilder("x_hat,y_hat,vx_surface,vy_surface\n");
        for (int i = 0; i < vx.length; i++) {
            b.append(String.format(Locale.ROOT, "%.6f,%.6f,%.6f,%.6f%n", xHat[i], yHat[i], vx[i], vy[i]));
        }
        AtomicOutput.writeText(target, b);
    }

    /** Plots the x component of each profile in its own panel (two panels a row) into one PNG. */
    static void plot(Path target, String title, List<SurfaceProfile> profiles) {
        makeFolder(target.getParent());
        int width = 460;
        int height = 300;
        int titleHeight = 36;
        List<BufferedImage> panels = new ArrayList<>();
        for (int p = 0; p < profiles.size(); p++) {
            SurfaceProfile prof = profiles.get(p);
            XYChart chart = new XYChartBuilder().width(width).height(height).title(prof.label())
                    .xAxisTitle("x / L").yAxisTitle("surface vx (m/a)").build();
            chart.getStyler().setLegendVisible(false);
            chart.getStyler().setChartBackgroundColor(Color.WHITE);
            chart.getStyler().setPlotBackgroundColor(Color.WHITE);
            chart.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
            chart.getStyler().setXAxisDecimalPattern("0.##");
            XYSeries series = chart.addSeries(prof.label(), prof.xHat(), prof.vx());
            series.setMarker(SeriesMarkers.NONE);
            Color colour = new Color(Colormap.viridis(0.1 + 0.65 * p / Math.max(1, profiles.size() - 1)));
            series.setLineColor(colour);
            panels.add(BitmapEncoder.getBufferedImage(chart));
        }
        int columns = Math.min(2, panels.size());
        int rows = (panels.size() + columns - 1) / columns;
        BufferedImage image = new BufferedImage(columns * width, titleHeight + rows * height,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString(title, 16, 24);
            for (int p = 0; p < panels.size(); p++) {
                g.drawImage(panels.get(p), (p % columns) * width, titleHeight + (p / columns) * height, null);
            }
        } finally {
            g.dispose();
        }
        AtomicOutput.writePng(target, image);
    }

    private static void makeFolder(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new InputException("cannot create the output folder " + folder + ": " + e.getMessage(), e);
        }
    }
}
