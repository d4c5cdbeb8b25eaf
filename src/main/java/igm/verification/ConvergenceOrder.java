package igm.verification;

/** The observed order of convergence: the slope of the least-squares line through (log Δx, log error). */
public final class ConvergenceOrder {

    private ConvergenceOrder() {
    }

    /**
     * The least-squares slope p of log(error) = p·log(Δx) + c.
     *
     * @param dx     grid spacings, at least two distinct, positive
     * @param errors errors at those spacings, positive
     * @throws IllegalArgumentException when the arrays differ in length, hold fewer than two distinct spacings, or a
     *                                  value is not positive
     */
    public static double fit(double[] dx, double[] errors) {
        if (dx.length != errors.length) {
            throw new IllegalArgumentException(dx.length + " spacings but " + errors.length + " errors");
        }
        int n = dx.length;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int k = 0; k < n; k++) {
            if (!(dx[k] > 0 && errors[k] > 0)) {
                throw new IllegalArgumentException("spacing and error must be positive, got dx = " + dx[k]
                        + ", error = " + errors[k]);
            }
            double x = Math.log(dx[k]);
            double y = Math.log(errors[k]);
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        double denominator = n * sxx - sx * sx;
        if (n < 2 || denominator <= 1e-12 * Math.max(1, sxx)) {
            throw new IllegalArgumentException("need at least two distinct spacings to fit an order");
        }
        return (n * sxy - sx * sy) / denominator;
    }
}
