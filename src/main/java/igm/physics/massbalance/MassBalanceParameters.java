package igm.physics.massbalance;

import igm.InputException;
import igm.params.Parameters;

import java.nio.file.Path;
import java.util.List;

/** The parameter readings the mass-balance providers share: the ice mask, required files, climate scenario. */
final class MassBalanceParameters {

    private MassBalanceParameters() {
    }

    /** The input's ice mask when {@code smb.use_ice_mask} is on, else {@code null}. */
    static double[] iceMask(Parameters p, MassBalanceContext context) {
        return p.bool("smb.use_ice_mask") ? context.iceMask() : null;
    }

    /** The model, with its positive balance kept inside {@code mask} when there is one. */
    static MassBalanceModel masked(MassBalanceModel model, double[] mask) {
        return mask == null ? model : new IceMaskedMassBalance(model, mask);
    }

    /**
     * Checks that the number of {@code upper} is above that of {@code lower}.
     *
     * @throws InputException naming both values when it is not
     */
    static void requireAbove(Parameters p, String upper, String lower) {
        if (!(p.number(upper) > p.number(lower))) {
            throw new InputException(p.source() + ": " + upper + " = " + p.number(upper) + " must be above " + lower
                    + " = " + p.number(lower));
        }
    }

    /**
     * The file of {@code key}, which {@code method} needs.
     *
     * @throws InputException naming the method and the key when the key is empty
     */
    static Path requiredFile(Parameters p, String key, String method) {
        Path file = p.path(key);
        if (file == null) {
            throw new InputException(p.source() + ": smb.method = " + method + " needs " + key);
        }
        return file;
    }

    /**
     * The climate scenario of {@code smb.climate_mode}, {@code smb.climate_period} and the modifiers.
     *
     * @throws InputException when a cycle or mean lacks a period of two whole years
     */
    static ClimateScenario scenario(Parameters p) {
        String mode = p.string("smb.climate_mode");
        List<Double> period = p.numberList("smb.climate_period");
        TimeTable modifiers = new TimeTable(ClimateScenario.COLUMNS, p.table("smb.climate_modifiers"));
        if (mode.equals("actual")) {
            return new ClimateScenario(ClimateScenario.Mode.ACTUAL, 0, 0, modifiers);
        }
        if (period.size() != 2 || period.stream().anyMatch(v -> v != Math.rint(v))) {
            throw new InputException(p.source() + ": smb.climate_mode = " + mode + " needs smb.climate_period = "
                    + "[first, last] (whole years), got " + period);
        }
        return new ClimateScenario(mode.equals("cycle") ? ClimateScenario.Mode.CYCLE : ClimateScenario.Mode.MEAN,
                period.get(0).intValue(), period.get(1).intValue(), modifiers);
    }
}
