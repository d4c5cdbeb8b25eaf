package igm.physics.massbalance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import igm.InputException;
import igm.grid.Grid2D;
import igm.params.ParameterFile;
import igm.params.Parameters;
import igm.physics.ModelRegistryChecks;

/**
 * The registered mass-balance models: their names are the values of {@code smb.method}; the keys they declare are
 * registered parameters, and every model key is declared; each reads its files through the context.
 */
class MassBalanceRegistryTest {

    @Test
    void theModelsAreTheMethodChoicesAndDeclareTheirKeys() {
        ModelRegistryChecks.assertWellFormed(MassBalanceRegistry.models(), "smb", Set.of("smb.method"));
    }

    @Test
    void theModelsWithoutFilesBuildFromTheDefaults() {
        Grid2D grid = Grid2D.of(4, 3, 100);
        FakeContext context = new FakeContext(grid, null);
        for (String name : List.of("ela", "paleo_ela", "none")) {
            Parameters p = ParameterFile.load(null, List.of("smb.method=" + name));
            MassBalanceModel model = MassBalanceRegistry.models().named(name).create(p, context);
            assertEquals(name.equals("paleo_ela") ? "ela" : name, model.name());
        }
        assertEquals(List.of(), context.reads);
    }

    @Test
    void filesAreReadThroughTheContext() {
        Grid2D grid = Grid2D.of(4, 3, 100);
        FakeContext context = new FakeContext(grid, new double[grid.size()]);
        Parameters paleo = ParameterFile.load(null, List.of("smb.method=paleo_ela",
                "smb.paleo_temperature_file=core.txt"));
        MassBalanceRegistry.models().named("paleo_ela").create(paleo, context);
        assertEquals(List.of("table " + paleo.path("smb.paleo_temperature_file")), context.reads);

        Parameters pdd = ParameterFile.load(null, List.of("smb.method=pdd", "smb.climate_file=climate.nc"));
        InputException e = assertThrows(InputException.class,
                () -> MassBalanceRegistry.models().named("pdd").create(pdd, context));
        assertEquals("monthly " + pdd.path("smb.climate_file"), e.getMessage());

        Parameters none = ParameterFile.load(null, List.of("smb.method=pdd"));
        InputException missing = assertThrows(InputException.class,
                () -> MassBalanceRegistry.models().named("pdd").create(none, context));
        assertTrue(missing.getMessage().endsWith("smb.method = pdd needs smb.climate_file"), missing.getMessage());
        assertInstanceOf(ElaMassBalance.class, MassBalanceRegistry.models().named("ela").create(none, context));
    }

    /** A context on a grid that records the files it is asked to read; it can read only text tables. */
    private static final class FakeContext implements MassBalanceContext {
        final Grid2D grid;
        final double[] mask;
        final List<String> reads = new ArrayList<>();

        FakeContext(Grid2D grid, double[] mask) {
            this.grid = grid;
            this.mask = mask;
        }

        @Override
        public Grid2D grid() {
            return grid;
        }

        @Override
        public double[] iceMask() {
            return mask;
        }

        @Override
        public double[][] readTextTable(Path file, int columns) {
            reads.add("table " + file);
            return new double[][] {{0, 0}, {100, -1}};
        }

        @Override
        public MonthlyClimate readMonthlyClimate(Path file, double defaultTemperatureStd) {
            throw new InputException("monthly " + file);
        }

        @Override
        public DailyClimate readDailyStation(Path file, double stationHeight) {
            throw new InputException("daily " + file);
        }

        @Override
        public AccMeltPeriods readAccMeltPeriods(Path file) {
            throw new InputException("periods " + file);
        }

        @Override
        public AccMeltFields readAccMeltFields(Path file) {
            throw new InputException("fields " + file);
        }
    }
}
