package igm.training;

import igm.field.FieldSpec;
import igm.emulator.Emulator;
import igm.emulator.EmulatorField;
import igm.emulator.data.ChannelLayout;
import igm.emulator.data.Fidelity;
import igm.emulator.training.TrainableNetwork;
import igm.io.InstructorRunFile;

import java.util.List;

/**
 * The {@link Fidelity} of an emulator on instructor runs: every snapshot, whole grids, the emulator's depth-averaged
 * velocity against the instructor's where the ice is.
 */
public final class EmulatorFidelity {

    private EmulatorFidelity() {
    }

    /**
     * The fidelity of a trained network with its scales on every snapshot of {@code runs}, in order; empty when there
     * is no run.
     *
     * @param dx      grid spacing of the runs, m
     * @param threads threads of the network's forward pass
     */
    public static Fidelity onRuns(TrainableNetwork network, List<EmulatorField> in, List<EmulatorField> out,
                                  double dx, List<InstructorRunFile> runs, ChannelLayout layout, int threads) {
        Fidelity total = new Fidelity();
        if (runs.isEmpty()) {
            return total;
        }
        try (Emulator emulator = Emulator.of(network.toConvNet(threads), in, out, dx)) {
            for (InstructorRunFile r : runs) {
                total.add(onRun(emulator, r, layout));
            }
        }
        return total;
    }

    /**
     * The emulator's fidelity on every snapshot of one run, whole grids; the emulator's inputs are the layout's
     * inputs, its mask the cells with ice.
     */
    public static Fidelity onRun(Emulator emulator, InstructorRunFile r, ChannelLayout layout) {
        Fidelity total = new Fidelity();
        int u = layout.outputs().indexOf(FieldSpec.UBAR.name());
        int v = layout.outputs().indexOf(FieldSpec.VBAR.name());
        for (int s = 0; s < r.data().snapshots(); s++) {
            double[][] fields = new double[layout.inputs().size()][];
            for (int c = 0; c < fields.length; c++) {
                fields[c] = r.data().field(layout.inputs().get(c), s);
            }
            double[] h = r.data().field(ChannelLayout.THICKNESS, s);
            boolean[] mask = new boolean[h.length];
            for (int k = 0; k < h.length; k++) {
                mask[k] = h[k] > 0;
            }
            double[][] predicted = emulator.predict(r.data().grid(), fields, mask);
            total.add(r.data().field(FieldSpec.UBAR.name(), s), r.data().field(FieldSpec.VBAR.name(), s),
                    predicted[u], predicted[v]);
        }
        return total;
    }
}
