package igm.physics.massbalance;

import igm.physics.RestartState;

/**
 * The balance of one year, kept until the year (or the grid size) changes: the climate-driven models compute one
 * balance per year, with the surface of the first step of that year, and return it at every step of the year. It also
 * counts the annual balances the model computed ({@link #countEvaluation()}), and saves both for a restart.
 */
final class AnnualBalanceCache {

    /** Computes the balance of {@code year} into {@code out}. */
    @FunctionalInterface
    interface Annual {
        void compute(int year, double[] out);
    }

    private double[] balance;
    private int year = Integer.MIN_VALUE;
    private int evaluations;

    /** Copies the balance of {@code year} into {@code smb}, computing it with {@code annual} if it is not kept. */
    void copyInto(int year, double[] smb, Annual annual) {
        if (balance == null || balance.length != smb.length || year != this.year) {
            if (balance == null || balance.length != smb.length) {
                balance = new double[smb.length];
            }
            annual.compute(year, balance);
            this.year = year;
        }
        System.arraycopy(balance, 0, smb, 0, smb.length);
    }

    /** Counts one annual balance computed by the model (through {@link #copyInto} or called directly). */
    void countEvaluation() {
        evaluations++;
    }

    /** How many annual balances the model computed so far. */
    int evaluations() {
        return evaluations;
    }

    /**
     * Saves, into the model's state, the kept year and its balance in the scope {@code annual} (nothing when none is
     * kept) and the evaluation count as {@code evaluations}.
     */
    void saveState(RestartState modelState) {
        RestartState state = modelState.scope("annual");
        if (balance != null) {
            state.put("year", year);
            state.put("balance", balance);
        }
        modelState.put("evaluations", evaluations);
    }

    /** Restores what {@link #saveState} saved: the next call of the same year returns the same balance. */
    void restoreState(RestartState modelState) {
        RestartState state = modelState.scope("annual");
        balance = state.hasNumber("year") ? state.array("balance") : null;
        year = balance == null ? Integer.MIN_VALUE : (int) state.number("year");
        evaluations = (int) modelState.number("evaluations");
    }
}
