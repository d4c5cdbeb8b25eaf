package igm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The climate-driven SMB methods through the command line on the bundled Aletsch example, coarsened. */
@Tag("regression")
class ClimateSmbRunTest {

    @TempDir
    Path out;

    private static String[] run(Path folder, String... sets) {
        List<String> args = new java.util.ArrayList<>(List.of("run", RunCommandTest.EXAMPLE.toString(),
                "--set", "input.coarsen=2", "--set", "output.folder=" + folder, "--set", "output.plots=false",
                "--no-progress"));
        for (String s : sets) {
            args.add("--set");
            args.add(s);
        }
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true));
            System.setErr(new PrintStream(e, true));
            int code = Main.execute(args.toArray(String[]::new));
            return new String[] {String.valueOf(code), o.toString(), e.toString()};
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private static Path oggmClimate() {
        for (Path p : List.of(Path.of("..", "shared", "data", "aletsch", "oggm_climate_historical.nc"),
                Path.of("/work/shared/data/aletsch/oggm_climate_historical.nc"))) {
            if (Files.isRegularFile(p)) {
                return p.toAbsolutePath();
            }
        }
        return null;
    }

    @Test
    void pddWithOggmClimateRunsAndNeedsACycleBeyondTheSeries() throws IOException {
        Path climate = oggmClimate();
        Assumptions.assumeTrue(climate != null, "OGGM climate_historical.nc not in ../shared/data: skipped");
        String[] r = run(out.resolve("pdd"), "smb.method=pdd", "smb.climate_file=" + climate, "time.start=2000",
                "time.end=2002", "smb.melt_factor_snow=3", "smb.climate_modifiers=[[2000, 1.0, 0.5]]");
        assertEquals("0", r[0], r[1] + r[2]);
        assertTrue(r[1].contains("SMB pdd"), r[1]);
        List<String> csv = Files.readAllLines(out.resolve("pdd").resolve("timeseries.csv"));
        assertEquals(1 + 3, csv.size());
        double smbRate = Double.parseDouble(csv.get(1).split(",")[5]);
        assertTrue(smbRate < 0, "a warmer, drier 2000 on Aletsch loses mass: SMB rate " + smbRate + " km³/a");

        String[] beyond = run(out.resolve("beyond"), "smb.method=pdd", "smb.climate_file=" + climate,
                "time.start=2030", "time.end=2031");
        assertEquals("1", beyond[0], beyond[1]);
        assertTrue(beyond[2].contains("1901–2019") && beyond[2].contains("smb.climate_mode"), beyond[2]);

        String[] cycle = run(out.resolve("cycle"), "smb.method=pdd", "smb.climate_file=" + climate,
                "time.start=2030", "time.end=2031", "smb.climate_mode=cycle", "smb.climate_period=[1990, 2019]");
        assertEquals("0", cycle[0], cycle[1] + cycle[2]);
        String[] mean = run(out.resolve("mean"), "smb.method=pdd", "smb.climate_file=" + climate,
                "time.start=2030", "time.end=2031", "smb.climate_mode=mean", "smb.climate_period=[1961, 1990]");
        assertEquals("0", mean[0], mean[1] + mean[2]);
        String[] noPeriod = run(out.resolve("noperiod"), "smb.method=pdd", "smb.climate_file=" + climate,
                "smb.climate_mode=cycle");
        assertEquals("1", noPeriod[0]);
        assertTrue(noPeriod[2].contains("smb.climate_period"), noPeriod[2]);
    }

    @Test
    void paleoElaAndMissingFilesAreReported() {
        String[] r = run(out.resolve("paleo"), "smb.method=paleo_ela", "time.start=2000", "time.end=2002",
                "smb.paleo_temperature_table=[[1990, -1.0], [2010, 1.0]]", "smb.paleo_ela0=2900",
                "smb.paleo_ela_per_kelvin=150");
        assertEquals("0", r[0], r[1] + r[2]);
        assertTrue(r[1].contains("SMB ela"), r[1]);
        String[] missing = run(out.resolve("missing"), "smb.method=accmelt");
        assertEquals("1", missing[0]);
        assertTrue(missing[2].contains("smb.accmelt_weather_file"), missing[2]);
    }
}
