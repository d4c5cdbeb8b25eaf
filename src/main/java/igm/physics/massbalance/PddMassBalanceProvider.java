package igm.physics.massbalance;

import igm.params.Parameters;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code smb.method = pdd}: the {@link PddMassBalance} of the monthly climate {@code smb.climate_file} under the
 * scenario of {@code smb.climate_*} (its climatology for {@code mean}), its positive balance kept inside the ice mask
 * with {@code smb.use_ice_mask}.
 */
final class PddMassBalanceProvider implements MassBalanceProvider {

    @Override
    public String name() {
        return PddMassBalance.NAME;
    }

    @Override
    public List<String> parameterKeys() {
        return List.of("smb.use_ice_mask", "smb.climate_file", "smb.temp_std", "smb.climate_mode",
                "smb.climate_period", "smb.climate_modifiers", "smb.lapse_rate", "smb.prec_gradient",
                "smb.snow_temperature", "smb.rain_temperature", "smb.melt_factor_snow", "smb.melt_factor_ice");
    }

    /**
     * {@inheritDoc}
     *
     * @throws igm.InputException when {@code smb.rain_temperature} is not above {@code smb.snow_temperature}, or
     *                            {@code smb.climate_file} is empty
     */
    @Override
    public MassBalanceModel create(Parameters p, MassBalanceContext context) {
        double[] mask = MassBalanceParameters.iceMask(p, context);
        MassBalanceParameters.requireAbove(p, "smb.rain_temperature", "smb.snow_temperature");
        Path file = MassBalanceParameters.requiredFile(p, "smb.climate_file", name());
        MonthlyClimate climate = context.readMonthlyClimate(file, p.number("smb.temp_std"));
        ClimateScenario scenario = MassBalanceParameters.scenario(p);
        if (scenario.mode() == ClimateScenario.Mode.MEAN) {
            climate = climate.climatology(scenario.fromYear(), scenario.toYear());
        }
        return MassBalanceParameters.masked(new PddMassBalance(climate, scenario, new PddMassBalance.Factors(
                p.number("smb.lapse_rate"), p.number("smb.prec_gradient"), p.number("smb.snow_temperature"),
                p.number("smb.rain_temperature"), p.number("smb.melt_factor_snow"),
                p.number("smb.melt_factor_ice"))), mask);
    }
}
