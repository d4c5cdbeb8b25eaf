package igm.io;

import igm.InputException;
import igm.field.FieldSpec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How to read a gridded input file.
 *
 * @param file                      the NetCDF file (netCDF-3 classic/64-bit offset or netCDF-4/HDF5)
 * @param variableNames             logical name → variable name in the file, for any of {@link #LOGICAL_NAMES};
 *                                  logical names not given map to themselves (IGM's names). Never null after
 *                                  construction; it holds the full mapping.
 * @param crop                      {@code {i0, j0, nx, ny}} in cells of the file's grid, counted from the south-west
 *                                  corner after the y axis is put northwards; null for no crop
 * @param coarsen                   block size for coarsening by block averaging, 1 for none
 * @param fillNanThicknessWithZero  if true, NaN (or fill value) in the thickness variable means no ice (0 m);
 *                                  if false (IGM files), it is an error. OGGM stores NaN outside the glacier.
 * @param time                      which frame of a file with a time axis to read (e.g. a spatial output of
 *                                  {@code igm run}): empty for a file with a single time or none, {@code last} for
 *                                  the last frame, or a decimal year (the frame within {@link #TIME_TOLERANCE_YEARS}
 *                                  of it); never null after construction
 */
public record InputOptions(Path file, Map<String, String> variableNames, int[] crop, int coarsen,
                           boolean fillNanThicknessWithZero, String time) {

    /** How close, in years, a frame's time must be to a requested year. */
    public static final double TIME_TOLERANCE_YEARS = 1e-6;

    /** The logical variable names the reader knows, which are also IGM's names in its input files. */
    public static final List<String> LOGICAL_NAMES =
            List.of("x", "y", FieldSpec.TOPG.name(), FieldSpec.USURF.name(), FieldSpec.THK.name(),
                    FieldSpec.ICEMASK.name(), FieldSpec.SLIDINGCO.name(), FieldSpec.ARRHENIUS.name());

    public InputOptions {
        if (file == null) {
            throw new InputException("no input file given");
        }
        Map<String, String> full = new LinkedHashMap<>();
        for (String logical : LOGICAL_NAMES) {
            full.put(logical, logical);
        }
        if (variableNames != null) {
            for (Map.Entry<String, String> e : variableNames.entrySet()) {
                if (!LOGICAL_NAMES.contains(e.getKey())) {
                    throw new InputException("unknown input variable '" + e.getKey() + "' in the variable mapping for "
                            + file + "; valid names are " + LOGICAL_NAMES);
                }
                if (e.getValue() == null || e.getValue().isBlank()) {
                    throw new InputException("empty file variable name for '" + e.getKey()
                            + "' in the variable mapping for " + file);
                }
                full.put(e.getKey(), e.getValue().strip());
            }
        }
        variableNames = Map.copyOf(full);
        if (crop != null) {
            if (crop.length != 4) {
                throw new InputException("crop for " + file + " must be 4 integers i0, j0, nx, ny, got "
                        + crop.length);
            }
            if (crop[0] < 0 || crop[1] < 0 || crop[2] < 1 || crop[3] < 1) {
                throw new InputException("crop for " + file + " must have i0 ≥ 0, j0 ≥ 0, nx ≥ 1, ny ≥ 1, got "
                        + java.util.Arrays.toString(crop));
            }
            crop = crop.clone();
        }
        if (coarsen < 1) {
            throw new InputException("coarsening factor for " + file + " must be ≥ 1, got " + coarsen);
        }
        time = time == null ? "" : time.strip();
        if (!time.isEmpty() && !time.equals("last") && !isYear(time)) {
            throw new InputException("input.time = '" + time + "' (input file " + file + ") is not valid; expected "
                    + "empty (a file with a single time), 'last' or a year such as 2050");
        }
    }

    /** The options of the record without a time: the file must have a single time or none. */
    public InputOptions(Path file, Map<String, String> variableNames, int[] crop, int coarsen,
                        boolean fillNanThicknessWithZero) {
        this(file, variableNames, crop, coarsen, fillNanThicknessWithZero, "");
    }

    private static boolean isYear(String text) {
        try {
            return Double.isFinite(Double.parseDouble(text));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** IGM's names, no crop, no coarsening, NaN thickness is an error. */
    public static InputOptions of(Path file) {
        return new InputOptions(file, null, null, 1, false);
    }

    /**
     * An OGGM glacier directory's {@code gridded_data.nc}: {@link #oggmVariableNames(String)} with the consensus
     * thickness, and NaN thickness (outside the glacier) read as 0 m.
     */
    public static InputOptions oggm(Path file) {
        return new InputOptions(file, oggmVariableNames("consensus_ice_thickness"), null, 1, true);
    }

    /**
     * The mapping for OGGM's {@code gridded_data.nc}: usurf → {@code topo}, thk → {@code thicknessVariable}
     * ({@code consensus_ice_thickness} or {@code millan_ice_thickness}), icemask → {@code glacier_mask}; topg is
     * derived as usurf − thk.
     */
    public static Map<String, String> oggmVariableNames(String thicknessVariable) {
        return Map.of("x", "x", "y", "y", FieldSpec.USURF.name(), "topo", FieldSpec.THK.name(), thicknessVariable,
                FieldSpec.ICEMASK.name(), "glacier_mask");
    }

    /** These options with another variable mapping (entries not given map to IGM's names). */
    public InputOptions withVariableNames(Map<String, String> names) {
        return new InputOptions(file, names, crop, coarsen, fillNanThicknessWithZero, time);
    }

    /** These options with a crop {@code {i0, j0, nx, ny}} (null for none). */
    public InputOptions withCrop(int[] cropCells) {
        return new InputOptions(file, variableNames, cropCells, coarsen, fillNanThicknessWithZero, time);
    }

    /** These options with a coarsening factor. */
    public InputOptions withCoarsen(int factor) {
        return new InputOptions(file, variableNames, crop, factor, fillNanThicknessWithZero, time);
    }

    /** These options with NaN thickness read as 0 m (true) or rejected (false). */
    public InputOptions withFillNanThicknessWithZero(boolean fill) {
        return new InputOptions(file, variableNames, crop, coarsen, fill, time);
    }

    /** These options reading the frame {@code frame} ({@code ""}, {@code "last"} or a year) of a file with times. */
    public InputOptions withTime(String frame) {
        return new InputOptions(file, variableNames, crop, coarsen, fillNanThicknessWithZero, frame);
    }

    @Override
    public int[] crop() {
        return crop == null ? null : crop.clone();
    }
}
