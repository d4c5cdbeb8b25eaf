package igm.io;

import igm.field.FieldSpec;
import igm.InputException;
import igm.SimulationException;
import igm.physics.RestartState;
import igm.physics.Restartable;
import igm.physics.iceflow.IceFlowResult;
import igm.simulation.GlacierState;
import igm.simulation.Model;
import igm.simulation.Schedule;
import igm.simulation.Simulation;
import ucar.ma2.InvalidRangeException;
import ucar.nc2.NetcdfFile;
import ucar.nc2.Variable;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The spatial output of a run, {@code spatial.nc} ({@link SpatialOutputWriter}): the state and velocity of the model
 * at the times of its schedule and at the start and end. In a checkpoint it keeps the frames written so far, read
 * back from the partial file (float32 as written: {@code time}, in years as this writer saw them, and one entry per
 * field of frames × cells), so that a resumed run writes them again and ends with the file of the run in one piece.
 */
public final class SpatialOutput extends ScheduledWriter implements Restartable {

    /**
     * The fields of {@code spatial.nc} after {@code icemask} (written only when the state has one): the geometry,
     * the sliding coefficient and rate factor (so that the file is a complete {@code input.file}), the SMB and the
     * velocities.
     */
    public static final List<FieldSpec> FIELDS = List.of(FieldSpec.TOPG, FieldSpec.USURF, FieldSpec.THK,
            FieldSpec.SLIDINGCO, FieldSpec.ARRHENIUS, FieldSpec.SMB, FieldSpec.UBAR, FieldSpec.VBAR,
            FieldSpec.VELBAR_MAG, FieldSpec.UVELSURF, FieldSpec.VVELSURF, FieldSpec.VELSURF_MAG);

    private final SpatialOutputWriter writer;
    private final boolean withIceMask;
    private final int cells;
    private final List<Double> frameTimes = new ArrayList<>();

    /**
     * @param file        the file, e.g. {@code output.folder/spatial.nc} (written as its partial file until
     *                    {@link #commit()})
     * @param grid        the model grid
     * @param withIceMask whether the state has an ice mask (written after the thickness)
     * @param attributes  the global attributes
     * @param gridMapping the CF grid mapping, or {@code null} for none
     * @param schedule    when a frame is written (also at the start and end)
     */
    public SpatialOutput(Path file, igm.grid.Grid2D grid, boolean withIceMask, Map<String, String> attributes,
                         GridMapping gridMapping, Schedule schedule) {
        super("spatial", schedule, true);
        this.writer = SpatialOutputWriter.create(file, grid, fields(withIceMask), attributes, gridMapping);
        this.withIceMask = withIceMask;
        this.cells = grid.size();
    }

    /** {@link #FIELDS} with {@code icemask} after the thickness when {@code withIceMask}. */
    public static List<FieldSpec> fields(boolean withIceMask) {
        if (!withIceMask) {
            return FIELDS;
        }
        List<FieldSpec> fields = new ArrayList<>(FIELDS);
        fields.add(fields.indexOf(FieldSpec.THK) + 1, FieldSpec.ICEMASK);
        return List.copyOf(fields);
    }

    /** Writes the state and velocity of the model at {@code time} into the spatial file. */
    @Override
    public void call(Simulation sim, double time) {
        Model model = sim.model();
        GlacierState s = model.state();
        IceFlowResult f = model.flow();
        Map<String, double[]> values = new LinkedHashMap<>();
        values.put(FieldSpec.TOPG.name(), s.bed());
        values.put(FieldSpec.USURF.name(), s.surface());
        values.put(FieldSpec.THK.name(), s.thickness());
        if (s.iceMask() != null) {
            values.put(FieldSpec.ICEMASK.name(), s.iceMask());
        }
        values.put(FieldSpec.SLIDINGCO.name(), s.slidingCoefficient());
        values.put(FieldSpec.ARRHENIUS.name(), s.rateFactor());
        values.put(FieldSpec.SMB.name(), model.smb());
        values.put(FieldSpec.UBAR.name(), f.ubar());
        values.put(FieldSpec.VBAR.name(), f.vbar());
        values.put(FieldSpec.VELBAR_MAG.name(), f.depthAveragedSpeed());
        values.put(FieldSpec.UVELSURF.name(), f.uSurface());
        values.put(FieldSpec.VVELSURF.name(), f.vSurface());
        values.put(FieldSpec.VELSURF_MAG.name(), f.surfaceSpeed());
        writer.write(time, values);
        frameTimes.add(time);
    }

    /** The number of frames written. */
    public int frames() {
        return writer.steps();
    }

    /**
     * Saves the frames written so far, read back from the partial file (flushed after every frame); their times, in
     * years, are those the frames were written at (the file's time axis may be in other units).
     *
     * @throws SimulationException when the partial file cannot be read back
     */
    @Override
    public void saveState(RestartState state) {
        int frames = writer.steps();
        if (frames != frameTimes.size()) {
            throw new IllegalStateException(frames + " spatial frames written, " + frameTimes.size() + " seen");
        }
        Path partial = AtomicOutput.partialPathOf(writer.target());
        try (NetcdfFile nc = NetcdfFile.open(partial.toString())) {
            for (Variable v : nc.getVariables()) {
                String name = v.getShortName();
                if (v.getRank() == 3) {
                    int[] shape = v.getShape();
                    if (shape[1] * shape[2] != cells) {
                        throw new SimulationException(partial + ": " + name + " is not on the model grid");
                    }
                    state.putFloats(name, (float[]) v.read(new int[] {0, 0, 0},
                            new int[] {frames, shape[1], shape[2]}).get1DJavaArray(float.class));
                }
            }
            state.put("time", frameTimes.stream().mapToDouble(Double::doubleValue).toArray());
        } catch (IOException | InvalidRangeException e) {
            throw new SimulationException("cannot read the frames of " + partial + " back for the checkpoint: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Writes the frames a checkpoint saved again, with their times.
     *
     * @throws InputException when their times or the frames of a field are missing or do not fit the grid
     */
    @Override
    public void restoreState(RestartState state) {
        double[] times = state.array("time");
        if (times == null) {
            throw new InputException("the times of the spatial frames (spatial_time) are missing");
        }
        Map<String, float[]> frames = new LinkedHashMap<>();
        for (FieldSpec field : fields(withIceMask)) {
            float[] values = state.floats(field.name());
            if (values == null || values.length != times.length * cells) {
                throw new InputException("the spatial frames of " + field.name() + " are missing or do not fit the "
                        + "grid");
            }
            frames.put(field.name(), values);
        }
        frameTimes.clear();
        for (int f = 0; f < times.length; f++) {
            Map<String, double[]> values = new LinkedHashMap<>();
            for (Map.Entry<String, float[]> e : frames.entrySet()) {
                double[] frame = new double[cells];
                for (int k = 0; k < cells; k++) {
                    frame[k] = e.getValue()[f * cells + k];
                }
                values.put(e.getKey(), frame);
            }
            writer.write(times[f], values);
            frameTimes.add(times[f]);
        }
    }

    @Override
    public void commit() {
        writer.commit();
    }

    @Override
    public void abort() {
        writer.abort();
    }
}
