package igm.simulation;

import igm.grid.Grid2D;

/**
 * The evolving state of a glacier on its grid: bed and thickness, the surface derived from them, and the spatially
 * varying flow parameters. Arrays are in the grid's row-major order and owned by the state.
 */
public final class GlacierState {

    /**
     * Thickness above which a cell counts as glacierised in area and mean-speed diagnostics, m. Thinner ice (films
     * spread ahead of the margin by the flux in a step, melting away over the next ones) is still ice for the mass
     * budget and the transport, but not for the reported area.
     */
    public static final double AREA_THRESHOLD_METRES = 1.0;

    private final Grid2D grid;
    private final double[] bed;
    private final double[] thickness;
    private final double[] surface;
    private final double[] slidingCoefficient;
    private final double[] rateFactor;
    private final double[] iceMask;

    /**
     * @param grid               the grid
     * @param bed                bedrock elevation, m (copied)
     * @param thickness          initial ice thickness, m ≥ 0 (copied)
     * @param slidingCoefficient c, km MPa⁻³ a⁻¹ (copied)
     * @param rateFactor         A, MPa⁻³ a⁻¹ (copied)
     * @param iceMask            1 inside the glacier outline, 0 outside; {@code null} when there is none (copied)
     */
    public GlacierState(Grid2D grid, double[] bed, double[] thickness, double[] slidingCoefficient,
                        double[] rateFactor, double[] iceMask) {
        this.grid = grid;
        int n = grid.size();
        this.bed = checked("bed", bed, n).clone();
        this.thickness = checked("thickness", thickness, n).clone();
        this.slidingCoefficient = checked("slidingCoefficient", slidingCoefficient, n).clone();
        this.rateFactor = checked("rateFactor", rateFactor, n).clone();
        this.iceMask = iceMask == null ? null : checked("iceMask", iceMask, n).clone();
        this.surface = new double[n];
        updateSurface();
    }

    private static double[] checked(String name, double[] a, int n) {
        if (a == null || a.length != n) {
            throw new IllegalArgumentException(name + " must have " + n + " entries");
        }
        return a;
    }

    /** Recomputes the surface s = b + h after the thickness changed. */
    public void updateSurface() {
        for (int k = 0; k < surface.length; k++) {
            surface[k] = bed[k] + thickness[k];
        }
    }

    public Grid2D grid() {
        return grid;
    }

    public double[] bed() {
        return bed;
    }

    /** Ice thickness, m; writable by the thickness update, which must call {@link #updateSurface()} after. */
    public double[] thickness() {
        return thickness;
    }

    public double[] surface() {
        return surface;
    }

    public double[] slidingCoefficient() {
        return slidingCoefficient;
    }

    public double[] rateFactor() {
        return rateFactor;
    }

    /** The ice mask, or {@code null}. */
    public double[] iceMask() {
        return iceMask;
    }

    /** Ice volume, m³. */
    public double volume() {
        double sum = 0;
        for (double h : thickness) {
            sum += h;
        }
        return sum * grid.cellArea();
    }

    /** Glacierised area: cells thicker than {@link #AREA_THRESHOLD_METRES}, m². */
    public double area() {
        int count = 0;
        for (double h : thickness) {
            if (h > AREA_THRESHOLD_METRES) {
                count++;
            }
        }
        return count * grid.cellArea();
    }
}
