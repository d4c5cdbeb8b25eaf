package igm.io;

/**
 * Colour maps interpolated linearly in RGB between eleven anchor colours taken at 0, 0.1, …, 1: the perceptually
 * uniform {@link #viridis} for magnitudes and the {@link #diverging} blue-white-red map for signed differences.
 */
public final class Colormap {

    /** Matplotlib's viridis: dark purple → blue → green → yellow. */
    private static final int[] VIRIDIS = {0x440154, 0x482475, 0x414487, 0x355F8D, 0x2A788E, 0x21918C, 0x22A884,
        0x44BF70, 0x7AD151, 0xBDDF26, 0xFDE725};

    /** ColorBrewer's RdBu reversed (matplotlib's RdBu_r): dark blue → white at 0.5 → dark red. */
    private static final int[] DIVERGING = {0x053061, 0x2166AC, 0x4393C3, 0x92C5DE, 0xD1E5F0, 0xF7F7F7, 0xFDDBC7,
        0xF4A582, 0xD6604D, 0xB2182B, 0x67001F};

    private Colormap() {
    }

    /** The viridis colour at {@code fraction} in [0, 1] (clamped; NaN → 0) as 0xRRGGBB. */
    public static int viridis(double fraction) {
        return interpolate(VIRIDIS, fraction);
    }

    /**
     * The diverging colour at {@code fraction} in [0, 1] (clamped; NaN → 0.5) as 0xRRGGBB: blue below 0.5, the
     * near-white 0xF7F7F7 at 0.5, red above; with a range symmetric about zero, zero is white.
     */
    public static int diverging(double fraction) {
        return interpolate(DIVERGING, Double.isNaN(fraction) ? 0.5 : fraction);
    }

    private static int interpolate(int[] anchors, double fraction) {
        double f = Double.isNaN(fraction) ? 0 : Math.clamp(fraction, 0.0, 1.0);
        double position = f * (anchors.length - 1);
        int lower = Math.min((int) position, anchors.length - 2);
        double t = position - lower;
        int a = anchors[lower];
        int b = anchors[lower + 1];
        int red = mix((a >> 16) & 0xFF, (b >> 16) & 0xFF, t);
        int green = mix((a >> 8) & 0xFF, (b >> 8) & 0xFF, t);
        int blue = mix(a & 0xFF, b & 0xFF, t);
        return (red << 16) | (green << 8) | blue;
    }

    private static int mix(int a, int b, double t) {
        return (int) Math.round(a + (b - a) * t);
    }
}
