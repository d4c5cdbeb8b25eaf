package igm.emulator.data;

/**
 * A square window of a snapshot, normalised, channels-last: {@code inputs[(j·size + i)·inChannels + c]} and
 * likewise {@code outputs}.
 *
 * @param source  the run it comes from
 * @param time    the snapshot's time, years
 * @param i0      first column of the window in the snapshot's grid
 * @param j0      first row of the window
 * @param size    width and height of the window, cells
 * @param inputs  normalised inputs, size²·(input channels)
 * @param outputs normalised outputs, size²·(output channels)
 */
public record Patch(String source, double time, int i0, int j0, int size, float[] inputs, float[] outputs) {
}
