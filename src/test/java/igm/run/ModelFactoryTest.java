package igm.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import igm.params.ParameterFile;

/** The files a run's models read, as a resumed run checks them: the ice flow's, then the mass balance's. */
class ModelFactoryTest {

    @Test
    void modelFileKeysAreTheIceFlowsThenTheMassBalances() {
        assertEquals(List.of(), ModelFactory.modelFileKeys(ParameterFile.load(null, List.of())));
        assertEquals(List.of("iceflow.emulator", "smb.accmelt_weather_file", "smb.accmelt_parameter_file",
                "smb.accmelt_fields_file"), ModelFactory.modelFileKeys(ParameterFile.load(null,
                List.of("iceflow.method=emulator", "smb.method=accmelt"))));
        assertEquals(List.of("smb.climate_file"), ModelFactory.modelFileKeys(ParameterFile.load(null,
                List.of("iceflow.method=blatter", "smb.method=pdd"))));
        assertEquals(List.of("smb.paleo_temperature_file"), ModelFactory.modelFileKeys(ParameterFile.load(null,
                List.of("smb.method=paleo_ela"))));
    }
}
