package igm.physics.massbalance;

import igm.params.Parameters;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code smb.method = paleo_ela}: an {@link ElaMassBalance} whose ELA follows a temperature series, read from
 * {@code smb.paleo_temperature_file} when given, else from {@code smb.paleo_temperature_table}.
 */
final class PaleoElaMassBalanceProvider implements MassBalanceProvider {

    @Override
    public String name() {
        return "paleo_ela";
    }

    @Override
    public List<String> parameterKeys() {
        return List.of("smb.use_ice_mask", "smb.paleo_temperature_table", "smb.paleo_temperature_file",
                "smb.paleo_ela0", "smb.paleo_ela_per_kelvin", "smb.paleo_gradabl", "smb.paleo_gradacc",
                "smb.paleo_maxacc");
    }

    @Override
    public MassBalanceModel create(Parameters p, MassBalanceContext context) {
        double[] mask = MassBalanceParameters.iceMask(p, context);
        Path file = p.path("smb.paleo_temperature_file");
        double[][] rows = file != null ? context.readTextTable(file, 2) : p.table("smb.paleo_temperature_table");
        return ElaMassBalance.followingTemperature(new TimeTable(ElaMassBalance.PALEO_COLUMNS, rows),
                p.number("smb.paleo_ela0"), p.number("smb.paleo_ela_per_kelvin"), p.number("smb.paleo_gradabl"),
                p.number("smb.paleo_gradacc"), p.number("smb.paleo_maxacc"), mask);
    }
}
