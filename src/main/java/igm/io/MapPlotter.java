package igm.io;

import igm.grid.Grid2D;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleToIntFunction;

/**
 * Draws a map of a field (ice thickness, speed…) in colour over a grey hillshade of the terrain, as a PNG.
 *
 * <p>Cells where the ice is thinner than {@link #ICE_THRESHOLD_METRES} (or the value is NaN) show only the
 * hillshade; ice cells take the {@link Colormap#viridis viridis} colour of their value (differences: the
 * {@link Colormap#diverging diverging} colour centred on zero, {@link #plotDifference}), darkened by the hillshade
 * so the relief stays visible; maps of one quantity at several times share one range ({@link #colourRange}). North
 * is up (row j = ny−1 of the grid is drawn at the top). A colour bar with the units, a title and a kilometre scale
 * bar frame the map. Each cell is drawn as a square of a few pixels so that the map is about 700 pixels on its
 * longer side.
 */
public final class MapPlotter {

    /** Cells with less ice than this, metres, are drawn as bare terrain. */
    public static final double ICE_THRESHOLD_METRES = 0.1;

    private static final int MARGIN = 16;
    private static final int TITLE_HEIGHT = 40;
    private static final int BAR_AREA = 110;
    private static final int BOTTOM_AREA = 40;

    private MapPlotter() {
    }

    /**
     * Writes the map to {@code target} atomically, with the colour range from 0 (or the smallest value if negative)
     * to a round number above the largest value on ice.
     *
     * @param grid      the grid of all arrays
     * @param values    the field to colour, on the grid
     * @param elevation the terrain to shade (usually the ice surface), on the grid
     * @param thickness ice thickness, m, on the grid: says where the ice is
     * @param title     title above the map, e.g. "Ice thickness (m), year 2050"
     * @param units     label of the colour bar, e.g. "m" or "m a-1"
     */
    public static void plot(Path target, Grid2D grid, double[] values, double[] elevation, double[] thickness,
                            String title, String units) {
        plot(target, grid, values, elevation, thickness, title, units, Double.NaN, Double.NaN);
    }

    /** As {@link #plot(Path, Grid2D, double[], double[], double[], String, String)} with a given colour range
     * (NaN bounds are chosen automatically). */
    public static void plot(Path target, Grid2D grid, double[] values, double[] elevation, double[] thickness,
                            String title, String units, double minimum, double maximum) {
        BufferedImage image = render(grid, values, elevation, thickness, title, units, minimum, maximum);
        AtomicOutput.writePng(target, image);
    }

    /** The map as an image (see {@link #plot}), in {@link Colormap#viridis viridis}. */
    public static BufferedImage render(Grid2D grid, double[] values, double[] elevation, double[] thickness,
                                       String title, String units, double minimum, double maximum) {
        checkLengths(grid, values, elevation, thickness);
        double low = minimum;
        double high = maximum;
        if (Double.isNaN(low) || Double.isNaN(high)) {
            double[] automatic = colourRange(List.of(values), List.of(thickness));
            low = Double.isNaN(low) ? automatic[0] : low;
            high = Double.isNaN(high) ? Math.max(automatic[1], low + 1) : high;
        }
        return render(grid, values, elevation, thickness, title, units, low, high, Colormap::viridis);
    }

    /**
     * Writes a map of a difference (e.g. modelled − observed) atomically, in the {@link Colormap#diverging
     * diverging} colour map centred on zero: white for no difference, red above, blue below.
     *
     * @param limit the colour range is [−limit, limit]; NaN: a round number above the largest |value| on ice
     * @see #plot(Path, Grid2D, double[], double[], double[], String, String)
     */
    public static void plotDifference(Path target, Grid2D grid, double[] values, double[] elevation,
                                      double[] thickness, String title, String units, double limit) {
        AtomicOutput.writePng(target, renderDifference(grid, values, elevation, thickness, title, units, limit));
    }

    /** The difference map as an image (see {@link #plotDifference}). */
    public static BufferedImage renderDifference(Grid2D grid, double[] values, double[] elevation,
                                                 double[] thickness, String title, String units, double limit) {
        checkLengths(grid, values, elevation, thickness);
        double range = limit;
        if (Double.isNaN(range)) {
            double[] automatic = colourRange(List.of(values), List.of(thickness));
            range = roundUp(Math.max(Math.abs(automatic[0]), Math.abs(automatic[1])));
        }
        if (!(range > 0)) {
            range = 1;
        }
        return render(grid, values, elevation, thickness, title, units, -range, range, Colormap::diverging);
    }

    /**
     * The colour range {@link #render} chooses for several maps of one quantity, so that they share it: from 0
     * (or minus a round number below the smallest value, if negative) to a round number above the largest value on
     * ice over all maps; {0, 1} when no map has ice.
     *
     * @param values    the fields, one per map
     * @param thickness the ice thickness of each map, m, same order and lengths
     * @return {low, high}, high &gt; low
     */
    public static double[] colourRange(List<double[]> values, List<double[]> thickness) {
        if (values.size() != thickness.size()) {
            throw new IllegalArgumentException(values.size() + " fields but " + thickness.size() + " thicknesses");
        }
        double smallest = Double.POSITIVE_INFINITY;
        double largest = Double.NEGATIVE_INFINITY;
        for (int m = 0; m < values.size(); m++) {
            double[] v = values.get(m);
            double[] h = thickness.get(m);
            for (int k = 0; k < v.length; k++) {
                if (isIce(h[k]) && Double.isFinite(v[k])) {
                    smallest = Math.min(smallest, v[k]);
                    largest = Math.max(largest, v[k]);
                }
            }
        }
        if (smallest > largest) {
            return new double[] {0, 1};
        }
        double low = smallest >= 0 ? 0 : -roundUp(-smallest);
        double high = largest > low ? roundUp(largest) : low + 1;
        return new double[] {low, high};
    }

    private static void checkLengths(Grid2D grid, double[] values, double[] elevation, double[] thickness) {
        int n = grid.size();
        if (values.length != n || elevation.length != n || thickness.length != n) {
            throw new IllegalArgumentException("map arrays must have " + n + " values (the grid size)");
        }
    }

    private static BufferedImage render(Grid2D grid, double[] values, double[] elevation, double[] thickness,
                                        String title, String units, double low, double maximum,
                                        DoubleToIntFunction palette) {
        double high = maximum > low ? maximum : low + 1;
        int nx = grid.nx();
        int ny = grid.ny();
        int pixel = Math.clamp(Math.round(700.0f / Math.max(nx, ny)), 1, 12);
        int mapWidth = nx * pixel;
        int mapHeight = ny * pixel;
        int width = MARGIN + mapWidth + BAR_AREA;
        int height = TITLE_HEIGHT + mapHeight + BOTTOM_AREA;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);

            double[] shade = Hillshade.compute(grid, elevation);
            int x0 = MARGIN;
            int y0 = TITLE_HEIGHT;
            for (int j = 0; j < ny; j++) {
                int top = y0 + (ny - 1 - j) * pixel;
                for (int i = 0; i < nx; i++) {
                    int k = j * nx + i;
                    double s = Double.isNaN(shade[k]) ? 1 : shade[k];
                    int rgb;
                    if (isIce(thickness[k]) && Double.isFinite(values[k])) {
                        int colour = palette.applyAsInt((values[k] - low) / (high - low));
                        double dim = 0.6 + 0.4 * s;
                        rgb = scale(colour, dim);
                    } else {
                        int grey = (int) Math.round(255 * (0.25 + 0.75 * s));
                        rgb = (grey << 16) | (grey << 8) | grey;
                    }
                    for (int dy = 0; dy < pixel; dy++) {
                        for (int dx = 0; dx < pixel; dx++) {
                            image.setRGB(x0 + i * pixel + dx, top + dy, rgb);
                        }
                    }
                }
            }
            g.setColor(Color.DARK_GRAY);
            g.drawRect(x0 - 1, y0 - 1, mapWidth + 1, mapHeight + 1);

            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            FontMetrics titleMetrics = g.getFontMetrics();
            g.drawString(title == null ? "" : title, MARGIN, (TITLE_HEIGHT + titleMetrics.getAscent()) / 2);

            drawColourBar(g, x0 + mapWidth + 20, y0, Math.min(mapHeight, 400), low, high, units, palette);
            drawScaleBar(g, grid, x0, y0 + mapHeight + 24, pixel);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static boolean isIce(double thickness) {
        return thickness > ICE_THRESHOLD_METRES;
    }

    private static int scale(int rgb, double factor) {
        int red = (int) Math.round(((rgb >> 16) & 0xFF) * factor);
        int green = (int) Math.round(((rgb >> 8) & 0xFF) * factor);
        int blue = (int) Math.round((rgb & 0xFF) * factor);
        return (red << 16) | (green << 8) | blue;
    }

    /** A round number ≥ value: 1, 2, 2.5, 5 or 10 times a power of ten. */
    static double roundUp(double value) {
        if (!(value > 0)) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
            if (step * power >= value * (1 - 1e-12)) {
                return step * power;
            }
        }
        return 10 * power;
    }

    private static void drawColourBar(Graphics2D g, int left, int top, int barHeight, double low, double high,
                                      String units, DoubleToIntFunction palette) {
        int barWidth = 18;
        for (int r = 0; r < barHeight; r++) {
            double fraction = 1 - (double) r / Math.max(barHeight - 1, 1);
            g.setColor(new Color(palette.applyAsInt(fraction)));
            g.fillRect(left, top + r, barWidth, 1);
        }
        g.setColor(Color.DARK_GRAY);
        g.drawRect(left, top, barWidth, barHeight);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics metrics = g.getFontMetrics();
        int ticks = 5;
        for (int t = 0; t <= ticks; t++) {
            double value = low + (high - low) * t / ticks;
            int y = top + barHeight - (int) Math.round((double) barHeight * t / ticks);
            g.drawLine(left + barWidth, y, left + barWidth + 4, y);
            g.drawString(label(value), left + barWidth + 7, y + metrics.getAscent() / 2 - 1);
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString(units == null ? "" : units, left, top + barHeight + 20);
    }

    private static void drawScaleBar(Graphics2D g, Grid2D grid, int left, int baseline, int pixel) {
        double widthMetres = grid.width();
        double kilometres = roundDown(widthMetres / 4 / 1000);
        if (!(kilometres > 0)) {
            return;
        }
        int length = (int) Math.round(kilometres * 1000 / grid.dx() * pixel);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(3));
        g.drawLine(left, baseline, left + length, baseline);
        g.setStroke(new BasicStroke(1));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(label(kilometres) + " km", left + length + 8, baseline + 5);
    }

    private static double roundDown(double value) {
        if (!(value > 0)) {
            return 0;
        }
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        double best = power;
        for (double step : new double[] {1, 2, 5}) {
            if (step * power <= value) {
                best = step * power;
            }
        }
        return best;
    }

    private static String label(double value) {
        if (Math.abs(value - Math.rint(value)) < 1e-9 * Math.max(1, Math.abs(value))) {
            return Long.toString(Math.round(value));
        }
        return String.format(Locale.ROOT, "%.3g", value);
    }
}
