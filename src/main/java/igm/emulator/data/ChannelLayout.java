package igm.emulator.data;

import igm.InputException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The named input and output channels of an emulator, and which of them are the x and y components of one vector
 * (surface slopes, velocities): those move together under a {@link igm.grid.GridSymmetry} and share one scale.
 *
 * @param inputs  input field names, in channel order (IGM's names: {@code thk, slopsurfx, slopsurfy, arrhenius,
 *                slidingco})
 * @param outputs output field names, in channel order ({@code uvelbase, vvelbase, ubar, vbar, uvelsurf, vvelsurf})
 */
public record ChannelLayout(List<String> inputs, List<String> outputs) {

    /** The vector fields: (x component, y component). */
    public static final List<List<String>> VECTOR_PAIRS = List.of(List.of("slopsurfx", "slopsurfy"),
            List.of("ubar", "vbar"), List.of("uvelsurf", "vvelsurf"), List.of("uvelbase", "vvelbase"));

    /** The field that tells ice from no ice: patches without any cell where it is positive are not used. */
    public static final String THICKNESS = "thk";

    /**
     * @throws InputException when a name repeats, {@value #THICKNESS} is not an input, or a vector component comes
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
            for (List<String> pair : VECTOR_PAIRS) {
                if (names.contains(pair.get(0)) != names.contains(pair.get(1))) {
                    throw new InputException("fields " + names + ": '" + pair.get(0) + "' and '" + pair.get(1)
                            + "' are the two components of one vector and come together");
                }
            }
        }
    }

    /** IGM's layout, that of its f15 emulator: five inputs, six velocity outputs. */
    public static ChannelLayout standard() {
        return new ChannelLayout(List.of("thk", "slopsurfx", "slopsurfy", "arrhenius", "slidingco"),
                List.of("uvelbase", "vvelbase", "ubar", "vbar", "uvelsurf", "vvelsurf"));
    }

    /** All names, inputs first. */
    public List<String> names() {
        return concat(inputs, outputs);
    }

    /** The partner of a vector component ({@code ubar} ↔ {@code vbar}), or {@code null} for a scalar field. */
    public static String partner(String name) {
        for (List<String> pair : VECTOR_PAIRS) {
            if (pair.get(0).equals(name)) {
                return pair.get(1);
            }
            if (pair.get(1).equals(name)) {
                return pair.get(0);
            }
        }
        return null;
    }

    /** Whether {@code name} is the x component of a vector. */
    public static boolean isXComponent(String name) {
        for (List<String> pair : VECTOR_PAIRS) {
            if (pair.get(0).equals(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Per channel of {@code names}: −1 for a scalar, else the channel index of its partner component.
     */
    static int[] partnerChannels(List<String> names) {
        int[] partner = new int[names.size()];
        for (int c = 0; c < partner.length; c++) {
            String p = partner(names.get(c));
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
