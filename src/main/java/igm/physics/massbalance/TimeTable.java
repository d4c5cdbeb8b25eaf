package igm.physics.massbalance;

import igm.InputException;

import java.util.Arrays;
import java.util.List;

/**
 * A table of parameters against time, linearly interpolated between rows and held at the first (last) row before
 * (after) the table. The first column is time (years); every value is finite and the times strictly increase.
 * Immutable.
 */
public final class TimeTable {

    private final List<String> columns;
    private final double[] times;
    private final double[][] values;

    /**
     * A validated table.
     *
     * @param columns column names, the first one time, all distinct
     * @param rows    rows, each with one value per column, at least one row
     * @throws InputException naming the column, row and value when a value is not finite, a row has the wrong
     *                        length or the times do not strictly increase
     */
    public TimeTable(List<String> columns, double[][] rows) {
        if (columns == null || columns.size() < 2) {
            throw new InputException("a time table needs a time column and at least one value column, got "
                    + columns);
        }
        if (columns.stream().distinct().count() != columns.size()) {
            throw new InputException("time table column names must be distinct, got " + columns);
        }
        if (rows == null || rows.length == 0) {
            throw new InputException("time table with columns " + columns + " has no rows");
        }
        this.columns = List.copyOf(columns);
        int nc = columns.size();
        this.times = new double[rows.length];
        this.values = new double[nc - 1][rows.length];
        for (int r = 0; r < rows.length; r++) {
            double[] row = rows[r];
            if (row == null || row.length != nc) {
                throw new InputException("time table row " + (r + 1) + " has " + (row == null ? 0 : row.length)
                        + " values, expected " + nc + " (" + String.join(", ", columns) + ")");
            }
            for (int c = 0; c < nc; c++) {
                if (!Double.isFinite(row[c])) {
                    throw new InputException("time table column '" + columns.get(c) + "' has a non-finite value "
                            + row[c] + " in row " + (r + 1));
                }
            }
            if (r > 0 && !(row[0] > times[r - 1])) {
                throw new InputException("time table column '" + columns.get(0)
                        + "' must be strictly increasing, but row " + (r + 1) + " has " + row[0] + " after "
                        + times[r - 1]);
            }
            times[r] = row[0];
            for (int c = 1; c < nc; c++) {
                values[c - 1][r] = row[c];
            }
        }
    }

    /** A table of a single row: values constant in time. */
    public static TimeTable constant(List<String> columns, double... row) {
        return new TimeTable(columns, new double[][] {row});
    }

    /** The column names, time first. */
    public List<String> columns() {
        return columns;
    }

    /** Number of rows. */
    public int rows() {
        return times.length;
    }

    /** The times of the rows, years (a copy). */
    public double[] times() {
        return times.clone();
    }

    /** Index of a value column (1 for the first column after time) or throws naming the valid ones. */
    public int columnIndex(String column) {
        int c = columns.indexOf(column);
        if (c < 1) {
            throw new InputException("time table has no value column '" + column + "'; columns are "
                    + columns.subList(1, columns.size()));
        }
        return c;
    }

    /** The value of a column at a time, linearly interpolated, held constant outside the table. */
    public double value(String column, double timeYears) {
        return value(columnIndex(column), timeYears);
    }

    /**
     * The value of column {@code column} (1 for the first after time) at a time.
     *
     * @throws IllegalArgumentException when the time is NaN or the column is out of range
     */
    public double value(int column, double timeYears) {
        if (Double.isNaN(timeYears)) {
            throw new IllegalArgumentException("time is NaN");
        }
        if (column < 1 || column >= columns.size()) {
            throw new IllegalArgumentException("column " + column + " outside [1, " + (columns.size() - 1) + "]");
        }
        double[] y = values[column - 1];
        int last = times.length - 1;
        if (timeYears <= times[0]) {
            return y[0];
        }
        if (timeYears >= times[last]) {
            return y[last];
        }
        int hi = Arrays.binarySearch(times, timeYears);
        if (hi >= 0) {
            return y[hi];
        }
        hi = -hi - 1;
        int lo = hi - 1;
        double w = (timeYears - times[lo]) / (times[hi] - times[lo]);
        return y[lo] + w * (y[hi] - y[lo]);
    }
}
