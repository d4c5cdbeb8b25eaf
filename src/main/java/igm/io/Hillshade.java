package igm.io;

import igm.grid.Grid2D;

/**
 * Hillshade of a digital elevation model: the cosine of the angle between the surface normal and the direction of
 * the sun, clamped at 0.
 *
 * <p>With the sun at azimuth {@code a} (clockwise from north) and altitude {@code h}, the unit vector towards it is
 * {@code L = (cos h · sin a, cos h · cos a, sin h)} in (east, north, up); the normal of {@code z(x, y)} is
 * {@code N = (−∂z/∂x, −∂z/∂y, 1) / |·|}; shade = max(0, N·L). Gradients are centred differences, one-sided at the
 * edges. The standard cartographic light is azimuth 315° (north-west), altitude 45°.
 */
public final class Hillshade {

    private Hillshade() {
    }

    /** Hillshade in [0, 1] with the standard light (azimuth 315°, altitude 45°). */
    public static double[] compute(Grid2D grid, double[] elevation) {
        return compute(grid, elevation, 315, 45);
    }

    /**
     * Hillshade in [0, 1] on the grid's convention (j north); NaN elevations give NaN.
     *
     * @param azimuthDegrees  direction of the sun, clockwise from north
     * @param altitudeDegrees height of the sun above the horizon
     */
    public static double[] compute(Grid2D grid, double[] elevation, double azimuthDegrees, double altitudeDegrees) {
        int nx = grid.nx();
        int ny = grid.ny();
        double azimuth = Math.toRadians(azimuthDegrees);
        double altitude = Math.toRadians(altitudeDegrees);
        double lightEast = Math.cos(altitude) * Math.sin(azimuth);
        double lightNorth = Math.cos(altitude) * Math.cos(azimuth);
        double lightUp = Math.sin(altitude);
        double[] shade = new double[grid.size()];
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                int iw = Math.max(i - 1, 0);
                int ie = Math.min(i + 1, nx - 1);
                int js = Math.max(j - 1, 0);
                int jn = Math.min(j + 1, ny - 1);
                double dzdx = ie > iw ? (elevation[j * nx + ie] - elevation[j * nx + iw]) / ((ie - iw) * grid.dx()) : 0;
                double dzdy = jn > js ? (elevation[jn * nx + i] - elevation[js * nx + i]) / ((jn - js) * grid.dx()) : 0;
                double norm = Math.sqrt(dzdx * dzdx + dzdy * dzdy + 1);
                double dot = (-dzdx * lightEast - dzdy * lightNorth + lightUp) / norm;
                shade[j * nx + i] = Double.isNaN(dot) ? Double.NaN : Math.max(0, dot);
            }
        }
        return shade;
    }
}
