package igm.physics.massbalance;

import igm.physics.RestartState;

/**
 * The balance of one year, kept until the year (or the grid size) changes: the climate-driven models compute one
 * balance per year, with the surface of the first step of that year, and return it at every step of the year.
 */
final class AnnualBalanceCache {

    /** Computes the balance of {@code year} into {@code out}. */
    @FunctionalInterface
    interface Annual {
        void compute(int year, double[] out);
    }

    private double[] balance;
    private int year = Integer.MIN_VALUE;

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

    /** Saves the kept year and its balance (nothing when none is kept). */
    void saveState(RestartState state) {
        if (balance != null) {
            state.put("year", year);
            state.put("balance", balance);
        }
    }

    /** Restores what {@link #saveState} saved: the next call of the same year returns the same balance. */
    void restoreState(RestartState state) {
        balance = state.hasNumber("year") ? state.array("balance") : null;
        year = balance == null ? Integer.MIN_VALUE : (int) state.number("year");
    }
}
