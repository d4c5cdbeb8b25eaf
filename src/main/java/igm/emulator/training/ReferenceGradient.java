package igm.emulator.training;

import java.util.Arrays;

/**
 * The scalar reference of {@link GradientEngine}: the same network, loss and gradient with plain loops in double
 * precision, for tests (slow: no vectors, one thread).
 *
 * <p>Forward: {@code z_l[j][i][o] = b_l[o] + Σ_{dy,dx,c} a_l[j+dy−r][i+dx−r][c] · W_l[dy][dx][c][o]} (zero outside the
 * patch), {@code a_{l+1} = LeakyReLU(z_l)} for hidden convolutions, {@code y = z_last}. Loss: the mean absolute error
 * {@code L = (1/N) Σ |y − t|} over the {@code N = size·height·width·outputs} target values. Backward (chain rule):
 * {@code δ_last = sign(y − t)/N} (0 where {@code y = t}, as TensorFlow's gradient of |·|); for each convolution
 * {@code ∂L/∂W_l[dy][dx][c][o] = Σ_cells a_l[cell + (dy−r, dx−r)][c]·δ_l[cell][o]}, {@code ∂L/∂b_l[o] = Σ δ_l[o]},
 * {@code ∂L/∂a_l[cell][c] = Σ_{dy,dx,o} δ_l[cell − (dy−r, dx−r)][o]·W_l[dy][dx][c][o]} and
 * {@code δ_{l−1} = ∂L/∂a_l · f'(z_{l−1})} with {@code f'(z) = 1} for {@code z > 0}, α otherwise (TensorFlow's
 * convention at 0).
 */
public final class ReferenceGradient {

    private ReferenceGradient() {
    }

    /**
     * Loss and gradient in double precision.
     *
     * @param parameters {@link Architecture#parameterCount()} weights (layout of {@link Architecture})
     * @param gradient   overwritten with ∂L/∂parameters, same length
     * @return the mean absolute error over all targets of the batch
     * @throws IllegalArgumentException on mismatched lengths or channels, or a batch without targets
     */
    public static double lossAndGradient(Architecture architecture, double[] parameters, Batch batch,
                                         double[] gradient) {
        check(architecture, parameters, batch, true);
        if (gradient == null || gradient.length != parameters.length) {
            throw new IllegalArgumentException("gradient must have " + parameters.length + " entries, got "
                    + (gradient == null ? "null" : gradient.length));
        }
        Arrays.fill(gradient, 0);
        int n = architecture.convolutionCount();
        int h = batch.height();
        int w = batch.width();
        int outputs = architecture.outputs();
        double scale = 1.0 / batch.targetCount();
        double loss = 0;
        for (int b = 0; b < batch.size(); b++) {
            double[][] a = forward(architecture, parameters, batch, b);
            double[] y = a[n];
            double[] delta = new double[h * w * outputs];
            int t0 = b * h * w * outputs;
            for (int t = 0; t < delta.length; t++) {
                double residual = y[t] - batch.targets()[t0 + t];
                loss += Math.abs(residual);
                delta[t] = Math.signum(residual) * scale;
            }
            for (int l = n - 1; l >= 0; l--) {
                int k = architecture.kernelSize(l);
                int r = (k - 1) / 2;
                int cin = architecture.inChannels(l);
                int cout = architecture.outChannels(l);
                int kernelOffset = architecture.kernelOffset(l);
                int biasOffset = architecture.biasOffset(l);
                double[] input = l == 0 ? a[0] : activate(a[l], architecture.leakyAlpha());
                double[] inputGradient = l > 0 ? new double[h * w * cin] : null;
                for (int j = 0; j < h; j++) {
                    for (int i = 0; i < w; i++) {
                        int cell = (j * w + i) * cout;
                        for (int o = 0; o < cout; o++) {
                            double d = delta[cell + o];
                            gradient[biasOffset + o] += d;
                            for (int dy = 0; dy < k; dy++) {
                                int jj = j + dy - r;
                                if (jj < 0 || jj >= h) {
                                    continue;
                                }
                                for (int dx = 0; dx < k; dx++) {
                                    int ii = i + dx - r;
                                    if (ii < 0 || ii >= w) {
                                        continue;
                                    }
                                    int p = (jj * w + ii) * cin;
                                    int q = kernelOffset + (dy * k + dx) * cin * cout + o;
                                    for (int c = 0; c < cin; c++) {
                                        gradient[q + c * cout] += input[p + c] * d;
                                        if (inputGradient != null) {
                                            inputGradient[p + c] += parameters[q + c * cout] * d;
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                if (inputGradient != null) {
                    double alpha = architecture.leakyAlpha();
                    double[] preActivation = a[l];
                    for (int t = 0; t < inputGradient.length; t++) {
                        inputGradient[t] *= preActivation[t] > 0 ? 1 : alpha;
                    }
                    delta = inputGradient;
                }
            }
        }
        return loss * scale;
    }

    /** The mean absolute error over all targets of the batch, in double precision. */
    public static double loss(Architecture architecture, double[] parameters, Batch batch) {
        check(architecture, parameters, batch, true);
        int outputs = architecture.outputs();
        int cells = batch.cellsPerSample();
        double loss = 0;
        for (int b = 0; b < batch.size(); b++) {
            double[] y = forward(architecture, parameters, batch, b)[architecture.convolutionCount()];
            int t0 = b * cells * outputs;
            for (int t = 0; t < y.length; t++) {
                loss += Math.abs(y[t] - batch.targets()[t0 + t]);
            }
        }
        return loss / batch.targetCount();
    }

    /** The network's outputs for the batch, channels-last ({@code size·height·width·outputs}), in double. */
    public static double[] predict(Architecture architecture, double[] parameters, Batch batch) {
        check(architecture, parameters, batch, false);
        int n = architecture.convolutionCount();
        int per = batch.cellsPerSample() * architecture.outputs();
        double[] out = new double[batch.size() * per];
        for (int b = 0; b < batch.size(); b++) {
            System.arraycopy(forward(architecture, parameters, batch, b)[n], 0, out, b * per, per);
        }
        return out;
    }

    /**
     * The signs of every quantity at which the loss is not differentiable: the pre-activation of each hidden
     * convolution (LeakyReLU: {@code z > 0}) and each residual {@code y − t} (|·|: {@code > 0}, and {@code < 0} as a
     * second flag so that 0 differs from both). A central finite difference whose two ends give the same pattern does
     * not cross a kink unless some quantity crosses zero twice within the step, which a small step rules out in
     * practice.
     */
    public static boolean[] kinkPattern(Architecture architecture, double[] parameters, Batch batch) {
        check(architecture, parameters, batch, true);
        int n = architecture.convolutionCount();
        int cells = batch.cellsPerSample();
        int hiddenPerSample = architecture.layers() * cells * architecture.filters();
        int residualsPerSample = cells * architecture.outputs();
        int perSample = hiddenPerSample + 2 * residualsPerSample;
        boolean[] pattern = new boolean[batch.size() * perSample];
        for (int b = 0; b < batch.size(); b++) {
            double[][] a = forward(architecture, parameters, batch, b);
            int at = b * perSample;
            for (int l = 1; l < n; l++) {
                for (double z : a[l]) {
                    pattern[at++] = z > 0;
                }
            }
            int t0 = b * residualsPerSample;
            for (int t = 0; t < residualsPerSample; t++) {
                double residual = a[n][t] - batch.targets()[t0 + t];
                pattern[at++] = residual > 0;
                pattern[at++] = residual < 0;
            }
        }
        return pattern;
    }

    /**
     * The values of one sample: {@code [0]} the input, {@code [l]} for {@code 1 ≤ l < n} the pre-activation of
     * hidden convolution {@code l−1} (the LeakyReLU is applied when it is read as the next input), {@code [n]} the
     * output; each channels-last without padding.
     */
    private static double[][] forward(Architecture architecture, double[] parameters, Batch batch, int b) {
        int n = architecture.convolutionCount();
        int h = batch.height();
        int w = batch.width();
        double alpha = architecture.leakyAlpha();
        double[][] values = new double[n + 1][];
        int cin0 = architecture.inputs();
        double[] input = new double[h * w * cin0];
        for (int t = 0; t < input.length; t++) {
            input[t] = batch.inputs()[b * h * w * cin0 + t];
        }
        values[0] = input;
        double[] current = input;
        for (int l = 0; l < n; l++) {
            int k = architecture.kernelSize(l);
            int r = (k - 1) / 2;
            int cin = architecture.inChannels(l);
            int cout = architecture.outChannels(l);
            int kernelOffset = architecture.kernelOffset(l);
            int biasOffset = architecture.biasOffset(l);
            double[] z = new double[h * w * cout];
            for (int j = 0; j < h; j++) {
                for (int i = 0; i < w; i++) {
                    for (int o = 0; o < cout; o++) {
                        double sum = parameters[biasOffset + o];
                        for (int dy = 0; dy < k; dy++) {
                            int jj = j + dy - r;
                            if (jj < 0 || jj >= h) {
                                continue;
                            }
                            for (int dx = 0; dx < k; dx++) {
                                int ii = i + dx - r;
                                if (ii < 0 || ii >= w) {
                                    continue;
                                }
                                int p = (jj * w + ii) * cin;
                                int q = kernelOffset + (dy * k + dx) * cin * cout + o;
                                for (int c = 0; c < cin; c++) {
                                    sum += current[p + c] * parameters[q + c * cout];
                                }
                            }
                        }
                        z[(j * w + i) * cout + o] = sum;
                    }
                }
            }
            values[l + 1] = z;
            current = architecture.activated(l) ? activate(z, alpha) : z;
        }
        return values;
    }

    private static double[] activate(double[] z, double alpha) {
        double[] activated = new double[z.length];
        for (int t = 0; t < z.length; t++) {
            activated[t] = z[t] > 0 ? z[t] : alpha * z[t];
        }
        return activated;
    }

    private static void check(Architecture architecture, double[] parameters, Batch batch, boolean needTargets) {
        if (parameters == null || parameters.length != architecture.parameterCount()) {
            throw new IllegalArgumentException("architecture " + architecture.describe() + " needs "
                    + architecture.parameterCount() + " parameters, got "
                    + (parameters == null ? "null" : parameters.length));
        }
        if (batch.inputChannels() != architecture.inputs() || batch.outputChannels() != architecture.outputs()) {
            throw new IllegalArgumentException("batch has " + batch.inputChannels() + " inputs and "
                    + batch.outputChannels() + " outputs, the network " + architecture.inputs() + " and "
                    + architecture.outputs());
        }
        if (needTargets && !batch.hasTargets()) {
            throw new IllegalArgumentException("the loss needs a batch with targets");
        }
    }
}
