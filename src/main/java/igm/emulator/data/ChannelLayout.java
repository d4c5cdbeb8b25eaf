package igm.emulator.data;

import igm.InputException;
import igm.field.FieldSpec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The named input and output channels of an emulator, by the names of the field catalogue; the x and y components
 * of one vector ({@link FieldSpec#VECTOR_PAIRS}: surface slopes, velocities) move together under a
 * {@link igm.grid.GridSymmetry} and share one scale.
 *
 * @param inputs  input field names, in channel order (IGM's names: {@code thk, slopsurfx, slopsurfy, arrhenius,
 *                slidingco})
 * @param outputs output field names, in channel order ({@code uvelbase, vvelbase, ubar, vbar, uvelsurf, vvelsurf})
 */
public record ChannelLayout(List<String> inputs, List<String> outputs) {

    /**
     * The field that tells ice from no ice, the ice thickness {@code thk}: patches without any cell where it is
     * positive are not used.
     */
    public static final String THICKNESS = FieldSpec.THK.name();

    /**
     * @throws InputException when a name repeats, {@link #THICKNESS} is not an input, or a vector component comes
     *                        without its partner in the same list
     */
    public ChannelLayout {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        if (inputs.isEmpty() || outputs.isEmpty()) {
            throw new InputException("an emulator needs inputs and outputs, got " + inputs + " → " + outputs);
        }
        Set<String> seen = new HashSet<>();
        for (String n : concat(inputs, outputs)) {
            if (!seen.add(n)) {
                throw new InputException("field '" + n + "' listed twice among " + inputs + " → " + outputs);
            }
        }
        if (!inputs.contains(THICKNESS)) {
            throw new InputException("the inputs " + inputs + " must include the ice thickness '" + THICKNESS + "'");
        }
        for (List<String> names : List.of(inputs, outputs)) {
            for (List<FieldSpec> pair : FieldSpec.VECTOR_PAIRS) {
                String x = pair.get(0).name();
                String y = pair.get(1).name();
                if (names.contains(x) != names.contains(y)) {
                    throw new InputException("fields " + names + ": '" + x + "' and '" + y
                            + "' are the two components of one vector and come together");
                }
            }
        }
    }

    /** IGM's layout, that of its f15 emulator: five inputs, six velocity outputs. */
    public static ChannelLayout standard() {
        return new ChannelLayout(FieldSpec.names(FieldSpec.THK, FieldSpec.SLOPSURFX, FieldSpec.SLOPSURFY,
                FieldSpec.ARRHENIUS, FieldSpec.SLIDINGCO), FieldSpec.names(FieldSpec.UVELBASE, FieldSpec.VVELBASE,
                FieldSpec.UBAR, FieldSpec.VBAR, FieldSpec.UVELSURF, FieldSpec.VVELSURF));
    }

    /** All names, inputs first. */
    public List<String> names() {
        return concat(inputs, outputs);
    }

    /**
     * Per channel of {@code names}: −1 for a scalar, else the channel index of its partner component.
     */
    static int[] partnerChannels(List<String> names) {
        int[] partner = new int[names.size()];
        for (int c = 0; c < partner.length; c++) {
            String p = FieldSpec.partner(names.get(c));
            partner[c] = p == null ? -1 : names.indexOf(p);
        }
        return partner;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
