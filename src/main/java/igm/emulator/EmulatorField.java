package igm.emulator;

/**
 * One input or output channel of an emulator, as listed in {@code fieldin.dat} / {@code fieldout.dat}: the network
 * sees {@code value / scale} for an input and gives {@code value / scale} for an output.
 *
 * @param name  IGM's variable name ({@code thk}, {@code slopsurfx}, {@code ubar}, ...)
 * @param scale the scale, finite and non-zero, in the variable's unit
 */
public record EmulatorField(String name, double scale) {

    public EmulatorField {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("field name must not be blank");
        }
        if (!Double.isFinite(scale) || scale == 0) {
            throw new IllegalArgumentException("scale of " + name + " must be finite and non-zero, got " + scale);
        }
    }
}
