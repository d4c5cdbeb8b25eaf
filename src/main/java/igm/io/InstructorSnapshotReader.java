package igm.io;

import igm.InputException;
import igm.grid.Grid2D;
import ucar.nc2.NetcdfFile;
import ucar.nc2.Variable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the snapshot file of one instructor run ({@link InstructorSnapshotWriter}'s layout) and checks it: the
 * coordinates {@code x}, {@code y} (uniform, equal spacing, at least 2 each), {@code time} (finite, increasing) and
 * every field of {@link InstructorSnapshotWriter#FIELD_NAMES} with the shape {@code (time, y, x)} and finite values.
 * Every problem is one {@link InputException} naming the file, the variable, the value or shape found and what was
 * expected.
 */
public final class InstructorSnapshotReader {

    private InstructorSnapshotReader() {
    }

    /**
     * Reads every snapshot of {@code file}.
     *
     * @throws InputException for a missing or unreadable file, a missing variable, a wrong shape, a non-finite value
     *                        or irregular coordinates
     */
    public static InstructorRunData read(Path file) {
        try (NetcdfFile nc = open(file)) {
            Map<String, Variable> variables = NetcdfValues.variablesByShortName(nc);
            double[] x = coordinate(file, variables, "x");
            double[] y = coordinate(file, variables, "y");
            double dx = spacing(file, "x", x);
            double dy = spacing(file, "y", y);
            if (Math.abs(dx - dy) > 1e-6 * dx) {
                throw new InputException(file + ": x spacing " + dx + " m differs from y spacing " + dy
                        + " m; square cells expected");
            }
            Grid2D grid = new Grid2D(x.length, y.length, dx, x[0], y[0]);
            Variable timeVariable = require(file, variables, "time");
            if (timeVariable.getRank() != 1) {
                throw new InputException(file + ": variable 'time' has rank " + timeVariable.getRank()
                        + ", expected 1");
            }
            int nt = timeVariable.getShape(0);
            double[] times = nt == 0 ? new double[0] : NetcdfValues.raw(timeVariable);
            for (int t = 0; t < nt; t++) {
                if (!Double.isFinite(times[t]) || (t > 0 && !(times[t] > times[t - 1]))) {
                    throw new InputException(file + ": variable 'time' has " + times[t] + " at index " + t
                            + (t > 0 ? " after " + times[t - 1] : "") + "; finite increasing times expected");
                }
            }
            Map<String, double[][]> fields = new LinkedHashMap<>();
            int n = grid.size();
            for (String name : InstructorSnapshotWriter.FIELD_NAMES) {
                Variable v = require(file, variables, name);
                int[] expected = {nt, grid.ny(), grid.nx()};
                if (!Arrays.equals(v.getShape(), expected)) {
                    throw new InputException(file + ": variable '" + name + "' has shape "
                            + Arrays.toString(v.getShape()) + ", expected " + Arrays.toString(expected)
                            + " (time, y, x)");
                }
                double[] flat = nt == 0 ? new double[0] : NetcdfValues.raw(v);
                double[][] snapshots = new double[nt][];
                for (int t = 0; t < nt; t++) {
                    snapshots[t] = Arrays.copyOfRange(flat, t * n, (t + 1) * n);
                    for (int k = 0; k < n; k++) {
                        if (!Double.isFinite(snapshots[t][k])) {
                            throw new InputException(String.format(Locale.ROOT, "%s: variable '%s' has the value %s "
                                            + "at time index %d (t = %s a), cell (i, j) = (%d, %d); finite values "
                                            + "expected", file, name, snapshots[t][k], t, times[t], k % grid.nx(),
                                    k / grid.nx()));
                        }
                    }
                }
                fields.put(name, snapshots);
            }
            return new InstructorRunData(file, grid, NetcdfValues.globalAttributes(nc), times, fields);
        } catch (IOException e) {
            throw new InputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads only the global attributes of {@code file} (fast: no field is read).
     *
     * @throws InputException for a missing or unreadable file
     */
    public static Map<String, String> readMetadata(Path file) {
        try (NetcdfFile nc = open(file)) {
            return NetcdfValues.globalAttributes(nc);
        } catch (IOException e) {
            throw new InputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static NetcdfFile open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InputException("instructor snapshot file not found: " + file.toAbsolutePath().normalize());
        }
        try {
            return NetcdfFile.open(file.toString());
        } catch (IOException | RuntimeException e) {
            throw new InputException(file + " is not a readable NetCDF file: " + e.getMessage(), e);
        }
    }

    private static Variable require(Path file, Map<String, Variable> variables, String name) {
        Variable v = variables.get(name);
        if (v == null) {
            throw new InputException(file + " has no variable '" + name + "'; an instructor snapshot file has time, "
                    + "x, y and " + InstructorSnapshotWriter.FIELD_NAMES + "; it has " + variables.keySet());
        }
        return v;
    }

    private static double[] coordinate(Path file, Map<String, Variable> variables, String name) throws IOException {
        Variable v = require(file, variables, name);
        if (v.getRank() != 1 || v.getShape(0) < 2) {
            throw new InputException(file + ": coordinate '" + name + "' has shape " + Arrays.toString(v.getShape())
                    + ", expected one dimension of at least 2 cells");
        }
        double[] values = NetcdfValues.raw(v);
        for (int k = 0; k < values.length; k++) {
            if (!Double.isFinite(values[k])) {
                throw new InputException(file + ": coordinate '" + name + "' has " + values[k] + " at index " + k
                        + "; finite values expected");
            }
        }
        return values;
    }

    /** The spacing of ascending uniform coordinates. */
    private static double spacing(Path file, String name, double[] c) {
        int n = c.length;
        double step = (c[n - 1] - c[0]) / (n - 1);
        for (int k = 0; k + 1 < n; k++) {
            double d = c[k + 1] - c[k];
            if (!(step > 0) || Math.abs(d - step) > 1e-6 * step) {
                throw new InputException(file + ": coordinate '" + name + "' is not uniform and ascending: " + name
                        + "[" + (k + 1) + "] − " + name + "[" + k + "] = " + d + " m, mean spacing " + step + " m");
            }
        }
        return step;
    }
}
