package igm.physics.massbalance;

import igm.params.Parameters;

import java.util.List;

/** {@code smb.method = ela}: the {@link ElaMassBalance} of the table {@code smb.ela_table}. */
final class ElaMassBalanceProvider implements MassBalanceProvider {

    @Override
    public String name() {
        return ElaMassBalance.NAME;
    }

    @Override
    public List<String> parameterKeys() {
        return List.of("smb.ela_table", "smb.use_ice_mask");
    }

    @Override
    public MassBalanceModel create(Parameters p, MassBalanceContext context) {
        double[] mask = MassBalanceParameters.iceMask(p, context);
        return new ElaMassBalance(new TimeTable(ElaMassBalance.COLUMNS, p.table("smb.ela_table")), mask);
    }
}
