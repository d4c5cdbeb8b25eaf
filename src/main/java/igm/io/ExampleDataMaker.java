package igm.io;

import igm.grid.Grid2D;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The recipe of {@code examples/aletsch/aletsch.nc}: reads an OGGM glacier directory's {@code gridded_data.nc}
 * through the OGGM mapping (usurf = topo, thk = consensus_ice_thickness with NaN → 0, icemask = glacier_mask,
 * topg = usurf − thk), crops it to the glacier mask plus a margin, coarsens it to the target spacing when the
 * source is finer, and writes it with IGM's names via {@link GriddedInputWriter}.
 *
 * <p>Usage: {@code ExampleDataMaker <oggm_gridded_data.nc> <target.nc> [marginKm=2] [targetSpacingMetres=100]}
 */
public final class ExampleDataMaker {

    private ExampleDataMaker() {
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: ExampleDataMaker <oggm_gridded_data.nc> <target.nc> [marginKm] [spacingM]");
            System.exit(2);
        }
        double marginKm = args.length > 2 ? Double.parseDouble(args[2]) : 2;
        double spacing = args.length > 3 ? Double.parseDouble(args[3]) : 100;
        GriddedInput made = make(Path.of(args[0]), Path.of(args[1]), marginKm, spacing);
        System.out.println("wrote " + args[1] + ": " + made.grid());
    }

    /** Makes the example file and returns what it holds. */
    public static GriddedInput make(Path oggmFile, Path target, double marginKm, double targetSpacingMetres) {
        GriddedInput full = GriddedInputReader.read(InputOptions.oggm(oggmFile));
        Grid2D grid = full.grid();
        int iMin = grid.nx();
        int iMax = -1;
        int jMin = grid.ny();
        int jMax = -1;
        for (int j = 0; j < grid.ny(); j++) {
            for (int i = 0; i < grid.nx(); i++) {
                int k = grid.index(i, j);
                boolean ice = (full.iceMask() != null && full.iceMask()[k] > 0) || full.thickness()[k] > 0;
                if (ice) {
                    iMin = Math.min(iMin, i);
                    iMax = Math.max(iMax, i);
                    jMin = Math.min(jMin, j);
                    jMax = Math.max(jMax, j);
                }
            }
        }
        if (iMax < 0) {
            throw new igm.InputException("input file " + oggmFile + " has no glacier cells to crop to");
        }
        int factor = Math.max(1, (int) Math.round(targetSpacingMetres / grid.dx()));
        int margin = (int) Math.ceil(marginKm * 1000 / grid.dx());
        int i0 = Math.max(0, iMin - margin);
        int j0 = Math.max(0, jMin - margin);
        int nx = Math.min(grid.nx() - 1, iMax + margin) - i0 + 1;
        int ny = Math.min(grid.ny() - 1, jMax + margin) - j0 + 1;
        nx -= nx % factor;
        ny -= ny % factor;
        InputOptions options = InputOptions.oggm(oggmFile).withCrop(new int[] {i0, j0, nx, ny}).withCoarsen(factor);
        GriddedInput cropped = GriddedInputReader.read(options);
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("title", "Great Aletsch Glacier (RGI60-11.01450), example input");
        attributes.put("source", "OGGM glacier directory RGI60-11.01450 (gridded_data.nc) as shipped in the IGM"
                + " repository (jouvetg/igm, examples/quick-demo); ice thickness: consensus estimate,"
                + " Farinotti et al. 2019, Nature Geoscience 12, 168-173; OGGM is BSD-3-Clause");
        attributes.put("history", "made by igm.io.ExampleDataMaker: usurf = topo, thk = consensus_ice_thickness"
                + " (NaN -> 0), topg = usurf - thk, icemask = glacier_mask; cropped to the glacier mask plus "
                + marginKm + " km (cells i0=" + i0 + ", j0=" + j0 + ", nx=" + nx + ", ny=" + ny
                + " of the source, south-west origin)" + (factor > 1 ? ", coarsened by " + factor : ""));
        GriddedInputWriter.write(target, cropped, attributes);
        return cropped;
    }
}
