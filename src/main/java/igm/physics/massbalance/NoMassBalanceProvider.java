package igm.physics.massbalance;

import igm.params.Parameters;

import java.util.List;

/** {@code smb.method = none}: the {@link NoMassBalance}. */
final class NoMassBalanceProvider implements MassBalanceProvider {

    @Override
    public String name() {
        return "none";
    }

    @Override
    public List<String> parameterKeys() {
        return List.of();
    }

    @Override
    public MassBalanceModel create(Parameters p, MassBalanceContext context) {
        return new NoMassBalance();
    }
}
