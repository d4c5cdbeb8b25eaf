package igm.io;

import igm.field.FieldSpec;
import igm.grid.Grid2D;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The recipe of {@code examples/aletsch-invert}: from IGM's {@code igm_1880_geology.nc} (jouvetg/igm, GPL-3.0; the
 * Great Aletsch Glacier at 100 m: surface of 2017 from swisstopo, surface velocity {@code uvelsurfobs},
 * {@code vvelsurfobs}, radar thickness profiles {@code thkobs}, glacier outline {@code icemaskobs}) it writes one
 * netCDF-3 file with those observations on the same grid and a glacier with no ice to start from ({@code thk} = 0,
 * {@code topg} = {@code usurf}), and OGGM's consensus thickness (Farinotti et al. 2019) of the glacier directory
 * {@code oggm_gridded_data.nc}, interpolated bilinearly from OGGM's grid onto IGM's (the two are offset by a fraction
 * of a cell), as {@code consensus_ice_thickness}: the prior of {@code igm invert}.
 *
 * <p>Usage: {@code InversionExampleDataMaker <shared aletsch folder> <example folder>}
 */
public final class InversionExampleDataMaker {

    /** The file written into the example folder. */
    public static final String FILE = "aletsch-observations.nc";

    private InversionExampleDataMaker() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: InversionExampleDataMaker <shared aletsch folder> <example folder>");
            System.exit(2);
        }
        make(Path.of(args[0]).resolve("igm_1880_geology.nc"), Path.of(args[0]).resolve("oggm_gridded_data.nc"),
                Path.of(args[1]).resolve(FILE));
    }

    /** Writes the example's input from the geology file. */
    static void make(Path geology, Path oggm, Path target) {
        GriddedInput g = GriddedInputReader.read(geology);
        Grid2D grid = g.grid();
        String role = "IGM geology file";
        Map<FieldSpec, double[]> extra = new LinkedHashMap<>();
        extra.put(new FieldSpec("icemaskobs", "1", "glacier outline"),
                ClimateReader.readFieldOnGrid(geology, "icemaskobs", grid, InputUnits.Quantity.DIMENSIONLESS,
                        role)[0]);
        extra.put(new FieldSpec("uvelsurfobs", "m year-1", "observed surface velocity along x"),
                ClimateReader.readObservationsOnGrid(geology, "uvelsurfobs", grid, InputUnits.Quantity.VELOCITY,
                        role));
        extra.put(new FieldSpec("vvelsurfobs", "m year-1", "observed surface velocity along y"),
                ClimateReader.readObservationsOnGrid(geology, "vvelsurfobs", grid, InputUnits.Quantity.VELOCITY,
                        role));
        extra.put(new FieldSpec("thkobs", "m", "ice thickness observed along radar profiles"),
                ClimateReader.readObservationsOnGrid(geology, "thkobs", grid, InputUnits.Quantity.LENGTH, role));
        extra.put(new FieldSpec("consensus_ice_thickness", "m", "consensus ice thickness of Farinotti et al. (2019) "
                + "from OGGM, interpolated onto this grid"), ClimateReader.readInterpolatedOnGrid(oggm,
                "consensus_ice_thickness", grid, InputUnits.Quantity.LENGTH, "OGGM glacier directory"));
        double[] surface = g.surface();
        GriddedInput start = new GriddedInput(grid, surface.clone(), surface.clone(), new double[grid.size()], null,
                null, null, g.projectionAttributes(), target);
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("title", "Great Aletsch Glacier: observations for igm invert, and no ice to start from");
        attributes.put("source", "igm_1880_geology.nc of IGM's aletsch-1880-2100 example (jouvetg/igm, GPL-3.0): "
                + "usurf, icemaskobs, uvelsurfobs, vvelsurfobs, thkobs as they are; thk = 0, topg = usurf; "
                + "consensus_ice_thickness: oggm_gridded_data.nc of RGI60-11.01450 (OGGM), bilinear onto this grid");
        try {
            Files.createDirectories(target.getParent());
        } catch (java.io.IOException e) {
            throw new igm.InputException("cannot create " + target.getParent() + ": " + e.getMessage(), e);
        }
        GriddedInputWriter.write(target, start, extra, attributes);
    }
}
