package igm.emulator.training;

import igm.emulator.data.PatchSet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The data selection of Jouvet et al. (2021, §2.3): runs are sorted by their maximum ice volume, largest first; the
 * network is trained on the first; each next run joins the training pool only if the current network's loss on it
 * (its "test loss") exceeds the loss on the pool (the training loss, both measured without augmentation), i.e.
 * only if it teaches something the pool does not; after each addition the network trains on the pool for a few
 * epochs. Runs that the network already predicts as well as its training data are left out, which keeps the pool
 * small and diverse.
 */
public final class DataSelection {

    /**
     * The patches of one instructor run.
     *
     * @param source    the run's identifier
     * @param maxVolume its largest ice volume, m³ (the sort key)
     * @param patches   its patches
     */
    public record Run(String source, double maxVolume, PatchSet patches) {
    }

    /**
     * What was decided for one run.
     *
     * @param source       the run
     * @param maxVolume    its largest ice volume, m³
     * @param testLoss     the network's loss on the run when it was considered (NaN for the first run)
     * @param trainingLoss the loss on the pool at that moment (NaN for the first run)
     * @param kept         whether the run joined the pool
     */
    public record Decision(String source, double maxVolume, double testLoss, double trainingLoss, boolean kept) {
    }

    /**
     * The selection's outcome.
     *
     * @param pool      the patches of the kept runs
     * @param decisions one per run, in the order considered
     */
    public record Result(PatchSet pool, List<Decision> decisions) {

        /** The kept runs, in order. */
        public List<String> kept() {
            return decisions.stream().filter(Decision::kept).map(Decision::source).toList();
        }
    }

    private DataSelection() {
    }

    /**
     * Runs the selection, training {@code trainer} along the way.
     *
     * @param trainer           the trainer (its network is trained in place)
     * @param runs              the candidate runs, in any order
     * @param epochsPerAddition epochs trained on the pool after the first run and after each addition, ≥ 1
     * @param validation        validation patches for the epoch records, or {@code null}
     * @param onEpoch           called after each epoch
     * @param onDecision        called after each decision
     * @throws IllegalArgumentException when there is no run or a run has no patches
     */
    public static Result select(Trainer trainer, List<Run> runs, int epochsPerAddition, PatchSet validation,
                                Consumer<EpochRecord> onEpoch, Consumer<Decision> onDecision) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("data selection needs at least one run");
        }
        if (epochsPerAddition < 1) {
            throw new IllegalArgumentException("epochs per addition must be ≥ 1, got " + epochsPerAddition);
        }
        List<Run> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparingDouble(Run::maxVolume).reversed().thenComparing(Run::source));
        for (Run r : sorted) {
            if (r.patches().count() == 0) {
                throw new IllegalArgumentException("run " + r.source() + " has no patches");
            }
        }
        List<Decision> decisions = new ArrayList<>();
        Run first = sorted.get(0);
        PatchSet pool = first.patches();
        Decision d0 = new Decision(first.source(), first.maxVolume(), Double.NaN, Double.NaN, true);
        decisions.add(d0);
        onDecision.accept(d0);
        train(trainer, pool, epochsPerAddition, validation, onEpoch);
        for (Run r : sorted.subList(1, sorted.size())) {
            double test = trainer.loss(r.patches());
            double training = trainer.loss(pool);
            boolean keep = test > training;
            Decision d = new Decision(r.source(), r.maxVolume(), test, training, keep);
            decisions.add(d);
            onDecision.accept(d);
            if (keep) {
                pool = pool.union(r.patches());
                train(trainer, pool, epochsPerAddition, validation, onEpoch);
            }
        }
        return new Result(pool, decisions);
    }

    private static void train(Trainer trainer, PatchSet pool, int epochs, PatchSet validation,
                              Consumer<EpochRecord> onEpoch) {
        for (int e = 0; e < epochs; e++) {
            onEpoch.accept(trainer.epoch(pool, validation));
        }
    }
}
