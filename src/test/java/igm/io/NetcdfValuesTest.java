package igm.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ucar.ma2.Array;
import ucar.ma2.DataType;
import ucar.nc2.Attribute;
import ucar.nc2.Dimension;
import ucar.nc2.NetcdfFile;
import ucar.nc2.NetcdfFileWriter;
import ucar.nc2.Variable;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetcdfValuesTest {

    @TempDir
    Path dir;

    /** A file with a packed float variable, an unsigned short one and global attributes of both kinds. */
    private Path write() throws Exception {
        Path path = dir.resolve("values.nc");
        NetcdfFileWriter writer = NetcdfFileWriter.createNew(NetcdfFileWriter.Version.netcdf3, path.toString());
        Dimension x = writer.addDimension(null, "x", 4);
        Variable packed = writer.addVariable(null, "packed", DataType.FLOAT, List.of(x));
        writer.addVariableAttribute(packed, new Attribute("_FillValue", 9.96921e36));
        writer.addVariableAttribute(packed, new Attribute("missing_value", Array.factory(new double[] {-1, 7})));
        writer.addVariableAttribute(packed, new Attribute("scale_factor", 2.0));
        writer.addVariableAttribute(packed, new Attribute("add_offset", 1.0));
        writer.addVariableAttribute(packed, new Attribute("units", "m"));
        writer.addVariableAttribute(packed, new Attribute("Offset", 5.0));
        Variable counts = writer.addVariable(null, "counts", DataType.SHORT, List.of(x));
        writer.addVariableAttribute(counts, new Attribute("_Unsigned", "TRUE"));
        writer.addGroupAttribute(null, new Attribute("title", "values"));
        writer.addGroupAttribute(null, new Attribute("ref_hgt", 2500));
        writer.addGroupAttribute(null, new Attribute("pair", Array.factory(new double[] {1.5, 2.5})));
        writer.create();
        writer.write(packed, Array.factory(DataType.FLOAT, new int[] {4}, new float[] {3, (float) 9.96921e36, -1, 7}));
        writer.write(counts, Array.factory(DataType.SHORT, new int[] {4}, new short[] {0, 1, -1, -32768}));
        writer.close();
        return path;
    }

    @Test
    void variablesAreFoundByShortNameInFileOrder() throws Exception {
        try (NetcdfFile nc = NetcdfFile.open(write().toString())) {
            Map<String, Variable> variables = NetcdfValues.variablesByShortName(nc);
            assertEquals(List.of("packed", "counts"), List.copyOf(variables.keySet()));
            assertEquals("counts", variables.get("counts").getShortName());
        }
    }

    @Test
    void rawValuesAreAsStored() throws Exception {
        try (NetcdfFile nc = NetcdfFile.open(write().toString())) {
            Map<String, Variable> variables = NetcdfValues.variablesByShortName(nc);
            assertArrayEquals(new double[] {3, (float) 9.96921e36, -1, 7}, NetcdfValues.raw(variables.get("packed")));
            assertArrayEquals(new double[] {0, 1, 65535, 32768}, NetcdfValues.raw(variables.get("counts")));
        }
    }

    @Test
    void unpackTurnsFillValuesIntoNaNThenScalesAndOffsets() throws Exception {
        try (NetcdfFile nc = NetcdfFile.open(write().toString())) {
            Variable packed = NetcdfValues.variablesByShortName(nc).get("packed");
            double[] values = NetcdfValues.unpack(packed, packed.read());
            assertEquals(3 * 2.0 + 1.0, values[0]);
            for (int k = 1; k < 4; k++) {
                assertTrue(Double.isNaN(values[k]), "fill or missing value at " + k + " read as " + values[k]);
            }
        }
    }

    @Test
    void unpackReadsUnsignedIntegers() throws Exception {
        try (NetcdfFile nc = NetcdfFile.open(write().toString())) {
            Variable counts = NetcdfValues.variablesByShortName(nc).get("counts");
            assertArrayEquals(new double[] {0, 1, 65535, 32768}, NetcdfValues.unpack(counts, counts.read()));
        }
    }

    @Test
    void numericAttributeIsCaseSensitiveAndSkipsText() throws Exception {
        try (NetcdfFile nc = NetcdfFile.open(write().toString())) {
            Variable packed = NetcdfValues.variablesByShortName(nc).get("packed");
            assertEquals(2.0, NetcdfValues.numericAttribute(packed, "scale_factor", 1));
            assertEquals(-1.0, NetcdfValues.numericAttribute(packed, "missing_value", 0));
            assertEquals(0.5, NetcdfValues.numericAttribute(packed, "units", 0.5));
            assertEquals(0.5, NetcdfValues.numericAttribute(packed, "offset", 0.5));
            assertEquals(0.5, NetcdfValues.numericAttribute(packed, "absent", 0.5));
        }
    }

    @Test
    void globalAttributesAreTextAndFirstNumbers() throws Exception {
        try (NetcdfFile nc = NetcdfFile.open(write().toString())) {
            assertEquals(Map.of("title", "values", "ref_hgt", "2500", "pair", "1.5"),
                    NetcdfValues.globalAttributes(nc));
            assertEquals(List.of("title", "ref_hgt", "pair"),
                    List.copyOf(NetcdfValues.globalAttributes(nc).keySet()));
        }
    }
}
