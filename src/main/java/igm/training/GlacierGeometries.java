package igm.training;

import igm.InputException;
import igm.field.FieldSpec;
import igm.grid.Grid2D;
import igm.grid.GridSymmetry;
import igm.io.InstructorRunFile;
import igm.io.InstructorRunTree;
import igm.physics.iceflow.blatter.BlatterProblem;
import igm.physics.iceflow.blatter.PhysicsInformedNetwork;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The glacier geometries of a physics-informed pretraining: the thickness and surface of every snapshot of the
 * {@code igm generate} runs of a folder (their velocities are not read: the energy loss needs none), and the
 * Blatter–Pattyn problems drawn from them.
 *
 * <p><b>Folders.</b> Each direct sub-folder of the data folder that holds runs is read on its own
 * ({@link InstructorRunTree}), and its valleys are named {@code folder/valley}: generations on different DEMs may
 * number their windows alike. Without such sub-folders the data folder's own runs are read, valleys named as in
 * their files.
 *
 * <p><b>A sample</b> ({@link #draw}) of a snapshot: a window of the given size around an ice cell drawn uniformly
 * (at a uniform offset, clipped to the grid, as {@link igm.emulator.data.PatchSampler}), or the whole grid; then one
 * of the eight symmetries of the grid, drawn uniformly ({@link GridSymmetry}); a uniform rate factor A drawn in
 * [A_min, A_max]; a sliding coefficient c = 0 with probability {@code noSlipFraction}, else drawn uniformly in
 * [c_min, c_max]; A and c are uniform over the sample. The surface slopes are those of the transformed surface
 * ({@link PhysicsInformedNetwork#inputs}). The draws come in that order from the generator given.
 */
final class GlacierGeometries {

    /**
     * One snapshot's geometry.
     *
     * @param valley    the valley's name ({@code folder/valley})
     * @param run       the run's id
     * @param time      the snapshot's time, years
     * @param grid      its grid
     * @param thickness ice thickness, m
     * @param surface   surface elevation, m
     * @param iceCells  the cells with ice, in grid order
     */
    record Geometry(String valley, String run, double time, Grid2D grid, double[] thickness, double[] surface,
                    int[] iceCells) {
    }

    /** How samples are drawn (see the class comment). */
    record Draw(double rateFactorMin, double rateFactorMax, double slidingMin, double slidingMax,
                double noSlipFraction, boolean augment) {

        static Draw of(PretrainingSettings s) {
            return new Draw(s.rateFactorMin(), s.rateFactorMax(), s.slidingMin(), s.slidingMax(),
                    s.noSlipFraction(), s.augment());
        }
    }

    private GlacierGeometries() {
    }

    /**
     * Every snapshot with ice of the runs of {@code root}, in folder, run and time order.
     *
     * @throws InputException when the folder holds no run, or the runs have different grid spacings
     */
    static List<Geometry> read(Path root, PrintStream out) {
        List<Path> folders = new ArrayList<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> s = Files.list(root)) {
                s.filter(Files::isDirectory).filter(GlacierGeometries::hasRuns).sorted().forEach(folders::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + root, e);
            }
        }
        boolean named = !folders.isEmpty();
        if (!named) {
            folders.add(root);
        }
        List<Geometry> geometries = new ArrayList<>();
        for (Path folder : folders) {
            String prefix = named ? folder.getFileName() + "/" : "";
            for (InstructorRunFile r : InstructorRunTree.read(folder, "train.data", out)) {
                for (int s = 0; s < r.data().snapshots(); s++) {
                    double[] h = r.data().field(FieldSpec.THK.name(), s);
                    int[] ice = java.util.stream.IntStream.range(0, h.length).filter(k -> h[k] > 0).toArray();
                    if (ice.length > 0) {
                        geometries.add(new Geometry(prefix + r.valley(), r.id(), r.data().times()[s],
                                r.data().grid(), h, r.data().field(FieldSpec.USURF.name(), s), ice));
                    }
                }
            }
        }
        double dx = geometries.getFirst().grid().dx();
        for (Geometry g : geometries) {
            if (Math.abs(g.grid().dx() - dx) > 1e-6 * dx) {
                throw new InputException("train.data: run " + g.run() + " of " + g.valley() + " has cells of "
                        + g.grid().dx() + " m, another run " + dx + " m; a network is pretrained for one spacing");
            }
        }
        return geometries;
    }

    private static boolean hasRuns(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.anyMatch(p -> p.getFileName().toString().endsWith(".nc"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    /**
     * A sample of a geometry (see the class comment).
     *
     * @param size the window's width and height, cells, or 0 for the whole grid
     * @throws InputException when the grid is smaller than the window
     */
    static BlatterProblem draw(Geometry g, int size, Draw d, java.util.random.RandomGenerator random) {
        Grid2D grid = g.grid();
        double[] h = g.thickness();
        double[] s = g.surface();
        if (size > 0) {
            int nx = grid.nx();
            int ny = grid.ny();
            if (nx < size || ny < size) {
                throw new InputException("train.data: run " + g.run() + " has a " + nx + "×" + ny + " grid, smaller "
                        + "than a " + size + "×" + size + " sample (train.patch_size)");
            }
            int cell = g.iceCells()[random.nextInt(g.iceCells().length)];
            int i0 = Math.max(0, Math.min(nx - size, cell % nx - random.nextInt(size)));
            int j0 = Math.max(0, Math.min(ny - size, cell / nx - random.nextInt(size)));
            h = grid.cut(g.thickness(), i0, j0, size, size);
            s = grid.cut(g.surface(), i0, j0, size, size);
            grid = Grid2D.of(size, size, grid.dx());
        }
        GridSymmetry symmetry = GridSymmetry.of(d.augment() ? random.nextInt(8) : 0);
        double[] thickness = symmetry.scalar(grid, h);
        double[] surface = symmetry.scalar(grid, s);
        Grid2D target = symmetry.target(grid);
        double a = d.rateFactorMin() + (d.rateFactorMax() - d.rateFactorMin()) * random.nextDouble();
        boolean noSlip = random.nextDouble() < d.noSlipFraction();
        double c = d.slidingMin() + (d.slidingMax() - d.slidingMin()) * random.nextDouble();
        double[] rateFactor = new double[target.size()];
        double[] sliding = new double[target.size()];
        Arrays.fill(rateFactor, a);
        Arrays.fill(sliding, noSlip ? 0 : c);
        return PhysicsInformedNetwork.problem(target, thickness, surface, rateFactor, sliding);
    }
}
