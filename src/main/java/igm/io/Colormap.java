package igm.io;

/**
 * A perceptually uniform colour map close to matplotlib's viridis (dark purple → blue → green → yellow),
 * interpolated linearly in RGB between eleven anchor colours taken at 0, 0.1, …, 1.
 */
public final class Colormap {

    private static final int[] ANCHORS = {0x440154, 0x482475, 0x414487, 0x355F8D, 0x2A788E, 0x21918C, 0x22A884,
        0x44BF70, 0x7AD151, 0xBDDF26, 0xFDE725};

    private Colormap() {
    }

    /** The colour at {@code fraction} in [0, 1] (clamped; NaN → 0) as 0xRRGGBB. */
    public static int viridis(double fraction) {
        double f = Double.isNaN(fraction) ? 0 : Math.clamp(fraction, 0.0, 1.0);
        double position = f * (ANCHORS.length - 1);
        int lower = Math.min((int) position, ANCHORS.length - 2);
        double t = position - lower;
        int a = ANCHORS[lower];
        int b = ANCHORS[lower + 1];
        int red = mix((a >> 16) & 0xFF, (b >> 16) & 0xFF, t);
        int green = mix((a >> 8) & 0xFF, (b >> 8) & 0xFF, t);
        int blue = mix(a & 0xFF, b & 0xFF, t);
        return (red << 16) | (green << 8) | blue;
    }

    private static int mix(int a, int b, double t) {
        return (int) Math.round(a + (b - a) * t);
    }
}
