package igm.io;

import igm.SimulationException;
import igm.field.FieldSpec;
import igm.grid.Grid2D;
import igm.physics.massbalance.AccMeltFields;
import ucar.ma2.Array;
import ucar.ma2.DataType;
import ucar.ma2.InvalidRangeException;
import ucar.nc2.Dimension;
import ucar.nc2.NetcdfFileWriter;
import ucar.nc2.Variable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The recipe of {@code examples/aletsch-1880}: from IGM's Aletsch 1880–2100 files (jouvetg/igm, GPL-3.0) it makes
 * one netCDF-3 file on a grid coarsened by a whole factor, holding
 * <ul>
 *   <li>{@code topg} = usurf − thk of {@code igm_1880_geology.nc} (the bed under today's glacier),</li>
 *   <li>{@code thk} = max(surf1880 − topg, 0) and {@code usurf} = topg + thk: the observed 1880 glacier
 *       ({@code igm_1880_surf1880.nc}),</li>
 *   <li>{@code usurf_2017}, {@code thk_2017}: today's observed surface and thickness (usurf, thk of the geology
 *       file), for the comparison at the end of the run; {@code icemask}: the geology file's mask,</li>
 *   <li>{@code direct_radiation} (time = day of year, y, x) and {@code snow_redistribution} of
 *       {@code igm_1880_massbalance.nc},</li>
 * </ul>
 * each computed at 100 m and then block-averaged; and copies the daily weather of October of the first year − 1 to
 * the last year (rows {@code year day hour temp prec}, values as in the source) and the parameter periods.
 *
 * <p>Usage: {@code Aletsch1880DataMaker <shared aletsch folder> <example folder> [factor=2] [firstYear=1880]
 * [lastYear=2017]}
 */
public final class Aletsch1880DataMaker {

    private Aletsch1880DataMaker() {
    }

    /** Makes the example files from the arguments described in the class comment. */
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: Aletsch1880DataMaker <shared aletsch folder> <example folder> [factor] "
                    + "[firstYear] [lastYear]");
            System.exit(2);
        }
        int factor = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int first = args.length > 3 ? Integer.parseInt(args[3]) : 1880;
        int last = args.length > 4 ? Integer.parseInt(args[4]) : 2017;
        Grid2D grid = make(Path.of(args[0]), Path.of(args[1]), factor, first, last);
        System.out.println("wrote " + args[1] + ": " + grid);
    }

    /** Makes the example files; returns the grid of the NetCDF file. */
    public static Grid2D make(Path shared, Path exampleFolder, int factor, int firstYear, int lastYear)
            throws IOException {
        Path geologyFile = shared.resolve("igm_1880_geology.nc");
        Grid2D fine = GriddedInputReader.read(geologyFile).grid();
        double[] usurfToday = ClimateReader.readFieldOnGrid(geologyFile, FieldSpec.USURF.name(), fine)[0];
        double[] thkToday = ClimateReader.readFieldOnGrid(geologyFile, FieldSpec.THK.name(), fine)[0];
        double[] mask = ClimateReader.readFieldOnGrid(geologyFile, FieldSpec.ICEMASK.name(), fine)[0];
        double[] surf1880 = ClimateReader.readFieldOnGrid(shared.resolve("igm_1880_surf1880.nc"),
                FieldSpec.USURF.name(), fine)[0];
        Path mbFile = shared.resolve("igm_1880_massbalance.nc");
        AccMeltFields mb = ClimateReader.readAccMeltFields(mbFile, fine);
        int n = fine.size();
        double[] topg = new double[n];
        double[] thk1880 = new double[n];
        double[] usurf1880 = new double[n];
        for (int k = 0; k < n; k++) {
            topg[k] = usurfToday[k] - thkToday[k];
            thk1880[k] = Math.max(surf1880[k] - topg[k], 0);
            usurf1880[k] = topg[k] + thk1880[k];
        }
        Grid2D grid = fine.coarsen(factor);
        Map<FieldSpec, double[]> fields = new LinkedHashMap<>();
        fields.put(FieldSpec.TOPG, block(fine, topg, factor));
        fields.put(FieldSpec.USURF, block(fine, usurf1880, factor));
        fields.put(FieldSpec.THK, block(fine, thk1880, factor));
        double[] maskCoarse = block(fine, mask, factor);
        for (int k = 0; k < maskCoarse.length; k++) {
            maskCoarse[k] = maskCoarse[k] >= 0.5 ? 1 : 0;
        }
        fields.put(FieldSpec.ICEMASK, maskCoarse);
        fields.put(new FieldSpec("usurf_2017", "m", "observed ice surface elevation of today (2017)"),
                block(fine, usurfToday, factor));
        fields.put(new FieldSpec("thk_2017", "m", "observed ice thickness of today (2017)"),
                block(fine, thkToday, factor));
        fields.put(new FieldSpec("snow_redistribution", "1", "snow redistribution factor"),
                block(fine, mb.redistribution(), factor));
        double[][] radiation = new double[mb.radiation().length][];
        for (int m = 0; m < radiation.length; m++) {
            radiation[m] = block(fine, mb.radiation()[m], factor);
        }
        Files.createDirectories(exampleFolder);
        writeNetcdf(exampleFolder.resolve("aletsch1880.nc"), grid, fields, mb.radiationDays(), radiation, factor);
        writeWeather(shared.resolve("igm_1880_temp_prec.dat"), exampleFolder.resolve("temp_prec.dat"),
                firstYear - 1, lastYear);
        Files.copy(shared.resolve("igm_1880_mbparameter.dat"), exampleFolder.resolve("mbparameter.dat"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return grid;
    }

    private static double[] block(Grid2D fine, double[] values, int factor) {
        Grid2D coarse = fine.coarsen(factor);
        double[] out = new double[coarse.size()];
        for (int j = 0; j < coarse.ny(); j++) {
            for (int i = 0; i < coarse.nx(); i++) {
                double sum = 0;
                for (int b = 0; b < factor; b++) {
                    for (int a = 0; a < factor; a++) {
                        sum += values[fine.index(i * factor + a, j * factor + b)];
                    }
                }
                out[coarse.index(i, j)] = sum / (factor * factor);
            }
        }
        return out;
    }

    private static void writeNetcdf(Path target, Grid2D grid, Map<FieldSpec, double[]> fields, double[] days,
                                    double[][] radiation, int factor) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("title", "Great Aletsch Glacier 1880 -> 2017 example input (igm accmelt)");
        attributes.put("source", "IGM example aletsch-1880-2100 (jouvetg/igm, GPL-3.0): geology.nc (usurf, thk, "
                + "icemask), past_surf.nc (surf_1880), massbalance.nc (direct_radiation, snow_redistribution); "
                + "Jouvet et al. 2011, J. Glaciol. 57(206); Jouvet and Huss 2019, J. Glaciol. 65(253)");
        attributes.put("license", "GPL-3.0 (derived from jouvetg/igm)");
        attributes.put("history", "made by igm.io.Aletsch1880DataMaker: topg = usurf - thk of geology.nc; thk = "
                + "max(surf_1880 - topg, 0); usurf = topg + thk; usurf_2017, thk_2017 = usurf, thk of geology.nc; "
                + "all at 100 m then block-averaged by " + factor + " (icemask: block mean >= 0.5)");
        attributes.put("projection", "UTM zone 32N (EPSG:32632), as the source");
        try (AtomicOutput output = AtomicOutput.begin(target)) {
            NetcdfFileWriter writer = NetcdfOutput.createNetcdf3(output.partialPath(), target);
            try {
                NetcdfOutput.GridAxes axes = NetcdfOutput.addGridAxes(writer, grid);
                Dimension time = writer.addDimension(null, "time", days.length);
                Variable timeVar = writer.addVariable(null, "time", DataType.DOUBLE, List.of(time));
                timeVar.addAttribute(new ucar.nc2.Attribute("units", "day"));
                timeVar.addAttribute(new ucar.nc2.Attribute("long_name", "day of the year of the radiation field"));
                String mappingName = GridMapping.fromAttributes(attributes)
                        .map(mapping -> NetcdfOutput.addGridMapping(writer, mapping)).orElse(null);
                Map<FieldSpec, Variable> variables = new LinkedHashMap<>();
                for (FieldSpec f : fields.keySet()) {
                    variables.put(f, NetcdfOutput.addGriddedField(writer, f, DataType.FLOAT, axes.dimensions(),
                            mappingName));
                }
                List<Dimension> dims3 = new ArrayList<>();
                dims3.add(time);
                dims3.addAll(axes.dimensions());
                Variable rad = NetcdfOutput.addGriddedField(writer, new FieldSpec("direct_radiation", "W m-2",
                        "potential direct solar radiation"), DataType.FLOAT, dims3, mappingName);
                NetcdfOutput.addGlobalAttributes(writer, attributes);
                writer.create();
                axes.write(writer, grid);
                writer.write(timeVar, Array.factory(DataType.DOUBLE, new int[] {days.length}, days.clone()));
                for (Map.Entry<FieldSpec, double[]> e : fields.entrySet()) {
                    writer.write(variables.get(e.getKey()), floats(new int[] {grid.ny(), grid.nx()}, e.getValue()));
                }
                double[] all = new double[days.length * grid.size()];
                for (int m = 0; m < days.length; m++) {
                    System.arraycopy(radiation[m], 0, all, m * grid.size(), grid.size());
                }
                writer.write(rad, floats(new int[] {days.length, grid.ny(), grid.nx()}, all));
            } finally {
                writer.close();
            }
            output.commit();
        } catch (IOException | InvalidRangeException e) {
            throw new SimulationException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    private static Array floats(int[] shape, double[] values) {
        float[] f = new float[values.length];
        for (int k = 0; k < f.length; k++) {
            f[k] = (float) values[k];
        }
        return Array.factory(DataType.FLOAT, shape, f);
    }

    /** Copies the header and the rows of 1 October {@code fromYear} to the end of {@code toYear}, compacted. */
    private static void writeWeather(Path source, Path target, int fromYear, int toYear) throws IOException {
        List<String> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(source);
        out.add("# daily air temperature (deg C) and precipitation (mm/day) at 2766 m a.s.l., Aletsch; from IGM's "
                + "aletsch-1880-2100 temp_prec.dat (jouvetg/igm, GPL-3.0); original header:");
        for (String line : lines) {
            String t = line.strip();
            if (t.isEmpty()) {
                continue;
            }
            if (!Character.isDigit(t.charAt(0))) {
                out.add("# " + t);
                continue;
            }
            String[] parts = t.split("\\s+");
            int year = Integer.parseInt(parts[0]);
            double day = Double.parseDouble(parts[1]);
            boolean inFirst = year == fromYear && day >= java.time.LocalDate.of(year, 10, 1).getDayOfYear();
            if (inFirst || (year > fromYear && year <= toYear)) {
                out.add(parts[0] + " " + (int) day + " " + parts[2] + " " + parts[3] + " " + parts[4]);
            }
        }
        Files.write(target, out);
    }
}
