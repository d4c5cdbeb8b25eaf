package igm.physics.massbalance;

import igm.InputException;
import igm.params.Parameters;

import java.util.List;

/**
 * {@code smb.method = accmelt}: the {@link AccMeltMassBalance} of a daily station series, its factors per period and
 * its radiation and redistribution fields ({@code smb.accmelt_*_file}) under the scenario of {@code smb.climate_*}
 * (actual or cycle), its positive balance kept inside the ice mask with {@code smb.use_ice_mask}.
 */
final class AccMeltMassBalanceProvider implements MassBalanceProvider {

    @Override
    public String name() {
        return AccMeltMassBalance.NAME;
    }

    @Override
    public List<String> parameterKeys() {
        return List.of("smb.use_ice_mask", "smb.climate_mode", "smb.climate_period", "smb.climate_modifiers",
                "smb.accmelt_weather_file", "smb.accmelt_station_height", "smb.accmelt_parameter_file",
                "smb.accmelt_fields_file", "smb.accmelt_snow_temperature", "smb.accmelt_rain_temperature",
                "smb.accmelt_accumulation_weight", "smb.accmelt_ablation_weight");
    }

    /**
     * {@inheritDoc}
     *
     * @throws InputException when {@code smb.accmelt_rain_temperature} is not above
     *                        {@code smb.accmelt_snow_temperature}, the climate mode is {@code mean}, or a file key is
     *                        empty
     */
    @Override
    public MassBalanceModel create(Parameters p, MassBalanceContext context) {
        double[] mask = MassBalanceParameters.iceMask(p, context);
        MassBalanceParameters.requireAbove(p, "smb.accmelt_rain_temperature", "smb.accmelt_snow_temperature");
        ClimateScenario scenario = MassBalanceParameters.scenario(p);
        if (scenario.mode() == ClimateScenario.Mode.MEAN) {
            throw new InputException(p.source() + ": smb.climate_mode = mean is for monthly climate (pdd); "
                    + "accmelt takes actual or cycle");
        }
        DailyClimate weather = context.readDailyStation(
                MassBalanceParameters.requiredFile(p, "smb.accmelt_weather_file", name()),
                p.number("smb.accmelt_station_height"));
        AccMeltPeriods periods = context.readAccMeltPeriods(
                MassBalanceParameters.requiredFile(p, "smb.accmelt_parameter_file", name()));
        AccMeltFields fields = context.readAccMeltFields(
                MassBalanceParameters.requiredFile(p, "smb.accmelt_fields_file", name()));
        return MassBalanceParameters.masked(new AccMeltMassBalance(weather, periods, context.grid(),
                fields.radiationDays(), fields.radiation(), fields.redistribution(), scenario,
                new AccMeltMassBalance.Settings(p.number("smb.accmelt_snow_temperature"),
                        p.number("smb.accmelt_rain_temperature"), p.number("smb.accmelt_accumulation_weight"),
                        p.number("smb.accmelt_ablation_weight"))), mask);
    }
}
