package igm.emulator.training;

import igm.InputException;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole state of a training between epochs: network, optimiser, epochs done and their records. With the
 * per-epoch random draws of {@link Trainer}, training resumed from a checkpoint gives the same network as training
 * without interruption.
 *
 * <p>File format (big-endian, {@link DataOutputStream}): the magic {@code IGMCKPT}, a format version, the
 * architecture, the seed, the epochs done, the parameters, Adam's step count and moments, then the epoch records. A
 * plain binary file, not HDF5: it is only ever read back by this class, and holds the optimiser's moments, which a
 * Keras file has no place for.
 *
 * @param architecture the network's shape
 * @param seed         the training seed
 * @param epochsDone   epochs completed
 * @param parameters   the network's parameters (layout of {@link TrainableNetwork#parameters()})
 * @param optimiser    Adam's state
 * @param history      one record per epoch done
 */
public record Checkpoint(Architecture architecture, long seed, int epochsDone, float[] parameters,
                         Adam.State optimiser, List<EpochRecord> history) {

    private static final String MAGIC = "IGMCKPT";
    private static final int VERSION = 1;

    public Checkpoint {
        history = List.copyOf(history);
    }

    /**
     * Writes the checkpoint to {@code file} through a temporary sibling renamed on success.
     *
     * @throws UncheckedIOException when writing fails (the previous checkpoint, if any, is kept)
     */
    public void write(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(parent);
            tmp = Files.createTempFile(parent, file.getFileName().toString(), ".partial");
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
                out.writeUTF(MAGIC);
                out.writeInt(VERSION);
                Architecture a = architecture;
                out.writeInt(a.inputs());
                out.writeInt(a.outputs());
                out.writeInt(a.layers());
                out.writeInt(a.filters());
                out.writeInt(a.kernelSize());
                out.writeDouble(a.leakyAlpha());
                out.writeLong(seed);
                out.writeInt(epochsDone);
                writeFloats(out, parameters);
                out.writeLong(optimiser.steps());
                writeFloats(out, optimiser.m());
                writeFloats(out, optimiser.v());
                out.writeInt(history.size());
                for (EpochRecord r : history) {
                    out.writeInt(r.epoch());
                    out.writeInt(r.samples());
                    out.writeDouble(r.trainingLoss());
                    out.writeDouble(r.validationLoss());
                    out.writeDouble(r.gradientNorm());
                    out.writeDouble(r.clippedFraction());
                    out.writeDouble(r.seconds());
                    out.writeDouble(r.samplesPerSecond());
                    out.writeDouble(r.gflops());
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the failure being reported matters more than the leftover temporary file
                }
            }
            throw new UncheckedIOException("cannot write the training checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a checkpoint.
     *
     * @throws InputException when the file is missing, not a checkpoint, of another version or truncated
     */
    public static Checkpoint read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InputException("training checkpoint not found: " + file);
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            String magic;
            try {
                magic = in.readUTF();
            } catch (IOException e) {
                magic = "";
            }
            if (!MAGIC.equals(magic)) {
                throw new InputException(file + " is not a training checkpoint (no " + MAGIC + " header)");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new InputException(file + ": checkpoint format version " + version + ", this program reads "
                        + VERSION);
            }
            Architecture a = new Architecture(in.readInt(), in.readInt(), in.readInt(), in.readInt(), in.readInt(),
                    in.readDouble());
            long seed = in.readLong();
            int epochs = in.readInt();
            float[] p = readFloats(in, file);
            long steps = in.readLong();
            float[] m = readFloats(in, file);
            float[] v = readFloats(in, file);
            int n = in.readInt();
            List<EpochRecord> history = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                history.add(new EpochRecord(in.readInt(), in.readInt(), in.readDouble(), in.readDouble(),
                        in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble()));
            }
            if (p.length != a.parameterCount()) {
                throw new InputException(file + ": " + p.length + " parameters for " + a.describe());
            }
            return new Checkpoint(a, seed, epochs, p, new Adam.State(steps, m, v), history);
        } catch (EOFException e) {
            throw new InputException(file + ": the training checkpoint is truncated");
        } catch (IOException e) {
            throw new InputException("cannot read the training checkpoint " + file + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new InputException(file + ": " + e.getMessage());
        }
    }

    private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        out.writeInt(values.length);
        for (float v : values) {
            out.writeFloat(v);
        }
    }

    private static float[] readFloats(DataInputStream in, Path file) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 1 << 28) {
            throw new InputException(file + ": implausible array length " + n + " in the training checkpoint");
        }
        float[] values = new float[n];
        for (int k = 0; k < n; k++) {
            values[k] = in.readFloat();
        }
        return values;
    }
}
