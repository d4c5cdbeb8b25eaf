package igm.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.zip.Deflater;

/**
 * Writes small single-band GeoTIFF files for tests, byte by byte (TIFF 6.0 and GeoTIFF 1.0), so that the reader is
 * tested against an encoder of its own: int16, float32 or float64 samples; uncompressed, LZW or DEFLATE; horizontal
 * (2) or floating-point (3) predictor; strips or 16 × 16 tiles; little- or big-endian; georeferenced by pixel scale
 * and tie point or by a transformation matrix; GeoKeys (model type, raster type, EPSG code) and a nodata value.
 */
public final class TinyGeoTiff {

    /** Sample types: bits and TIFF SampleFormat (2 signed integer, 3 IEEE float). */
    public enum Sample {
        INT16(16, 2), FLOAT32(32, 3), FLOAT64(64, 3);

        final int bits;
        final int format;

        Sample(int bits, int format) {
            this.bits = bits;
            this.format = format;
        }
    }

    public static final int NONE = 1;
    public static final int LZW = 5;
    public static final int DEFLATE = 8;

    private final double[][] rows;
    private Sample sample = Sample.FLOAT32;
    private int compression = NONE;
    private int predictor = 1;
    private boolean tiled;
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    private double[] pixelScale;
    private double[] tiepoint;
    private double[] transformation;
    private final List<int[]> geoKeys = new ArrayList<>();
    private String asciiParams;
    private String nodata;
    private String gdalMetadata;
    private boolean samplesPerPixelAsLong;

    /** An image of these rows, top (north) row first. */
    private TinyGeoTiff(double[][] rows) {
        this.rows = rows;
    }

    /**
     * A projected (EPSG:{@code epsg}, PixelIsArea) image of {@code rows} (top row first) whose upper-left pixel
     * corner is at ({@code west}, {@code north}) with square cells of {@code dx} metres.
     */
    public static TinyGeoTiff projected(double[][] rows, int epsg, double west, double north, double dx) {
        return new TinyGeoTiff(rows).pixelScale(dx, dx).tiepoint(0, 0, west, north).geoKey(1024, 1).geoKey(1025, 1)
                .geoKey(3072, epsg);
    }

    /** An image with no georeferencing at all. */
    public static TinyGeoTiff plain(double[][] rows) {
        return new TinyGeoTiff(rows);
    }

    public TinyGeoTiff sample(Sample type) {
        this.sample = type;
        return this;
    }

    public TinyGeoTiff compression(int code) {
        this.compression = code;
        return this;
    }

    public TinyGeoTiff predictor(int code) {
        this.predictor = code;
        return this;
    }

    public TinyGeoTiff tiled() {
        this.tiled = true;
        return this;
    }

    public TinyGeoTiff bigEndian() {
        this.order = ByteOrder.BIG_ENDIAN;
        return this;
    }

    public TinyGeoTiff pixelScale(double sx, double sy) {
        this.pixelScale = new double[] {sx, sy, 0};
        return this;
    }

    public TinyGeoTiff tiepoint(double column, double row, double x, double y) {
        this.tiepoint = new double[] {column, row, 0, x, y, 0};
        return this;
    }

    /** Replaces pixel scale and tie point by {@code x = a·col + b·row + c}, {@code y = d·col + e·row + f}. */
    public TinyGeoTiff transformation(double a, double b, double c, double d, double e, double f) {
        this.pixelScale = null;
        this.tiepoint = null;
        this.transformation = new double[] {a, b, 0, c, d, e, 0, f, 0, 0, 0, 0, 0, 0, 0, 1};
        return this;
    }

    /** Sets (or replaces) a GeoKey stored in the directory itself. */
    public TinyGeoTiff geoKey(int id, int value) {
        geoKeys.removeIf(k -> k[0] == id);
        geoKeys.add(new int[] {id, value});
        return this;
    }

    /** PixelIsPoint: the tie point is the centre of its pixel. */
    public TinyGeoTiff pixelIsPoint() {
        return geoKey(1025, 2);
    }

    public TinyGeoTiff nodata(String value) {
        this.nodata = value;
        return this;
    }

    /** Stores SamplesPerPixel as LONG instead of SHORT, as the geographic Ötztal DEM of ../shared does. */
    public TinyGeoTiff samplesPerPixelAsLong() {
        this.samplesPerPixelAsLong = true;
        return this;
    }

    /** GDAL's band scale and offset (tag 42112): a stored value v means v·scale + offset. */
    public TinyGeoTiff scaleAndOffset(double scale, double offset) {
        this.gdalMetadata = "<GDALMetadata>\n  <Item name=\"OFFSET\" sample=\"0\" role=\"offset\">" + offset
                + "</Item>\n  <Item name=\"SCALE\" sample=\"0\" role=\"scale\">" + scale + "</Item>\n</GDALMetadata>";
        return this;
    }

    public TinyGeoTiff citation(String text) {
        this.asciiParams = text + "|";
        return this;
    }

    /** Writes the file and returns its path. */
    public Path write(Path file) throws IOException {
        Files.write(file, bytes());
        return file;
    }

    byte[] bytes() throws IOException {
        int height = rows.length;
        int width = rows[0].length;
        int blockWidth = tiled ? 16 : width;
        int blockHeight = tiled ? 16 : 2;
        int across = (width + blockWidth - 1) / blockWidth;
        int down = (height + blockHeight - 1) / blockHeight;
        List<byte[]> blocks = new ArrayList<>();
        for (int by = 0; by < down; by++) {
            for (int bx = 0; bx < across; bx++) {
                int rowsInBlock = tiled ? blockHeight : Math.min(blockHeight, height - by * blockHeight);
                blocks.add(compress(block(bx * blockWidth, by * blockHeight, blockWidth, rowsInBlock)));
            }
        }

        TreeMap<Integer, Object[]> tags = new TreeMap<>();
        tags.put(256, new Object[] {4, new long[] {width}});
        tags.put(257, new Object[] {4, new long[] {height}});
        tags.put(258, new Object[] {3, new long[] {sample.bits}});
        tags.put(259, new Object[] {3, new long[] {compression}});
        tags.put(262, new Object[] {3, new long[] {1}});
        tags.put(277, new Object[] {samplesPerPixelAsLong ? 4 : 3, new long[] {1}});
        tags.put(284, new Object[] {3, new long[] {1}});
        if (predictor != 1) {
            tags.put(317, new Object[] {3, new long[] {predictor}});
        }
        tags.put(339, new Object[] {3, new long[] {sample.format}});
        long[] counts = blocks.stream().mapToLong(b -> b.length).toArray();
        long[] offsets = new long[blocks.size()];
        if (tiled) {
            tags.put(322, new Object[] {4, new long[] {blockWidth}});
            tags.put(323, new Object[] {4, new long[] {blockHeight}});
            tags.put(324, new Object[] {4, offsets});
            tags.put(325, new Object[] {4, counts});
        } else {
            tags.put(273, new Object[] {4, offsets});
            tags.put(278, new Object[] {4, new long[] {blockHeight}});
            tags.put(279, new Object[] {4, counts});
        }
        if (pixelScale != null) {
            tags.put(33550, new Object[] {12, pixelScale});
        }
        if (tiepoint != null) {
            tags.put(33922, new Object[] {12, tiepoint});
        }
        if (transformation != null) {
            tags.put(34264, new Object[] {12, transformation});
        }
        if (!geoKeys.isEmpty()) {
            List<int[]> sorted = new ArrayList<>(geoKeys);
            sorted.sort((p, q) -> Integer.compare(p[0], q[0]));
            long[] directory = new long[4 + 4 * sorted.size()];
            directory[0] = 1;
            directory[1] = 1;
            directory[2] = 0;
            directory[3] = sorted.size();
            for (int k = 0; k < sorted.size(); k++) {
                directory[4 + 4 * k] = sorted.get(k)[0];
                directory[4 + 4 * k + 2] = 1;
                directory[4 + 4 * k + 3] = sorted.get(k)[1];
            }
            tags.put(34735, new Object[] {3, directory});
        }
        if (asciiParams != null) {
            tags.put(34737, new Object[] {2, asciiParams});
        }
        if (gdalMetadata != null) {
            tags.put(42112, new Object[] {2, gdalMetadata});
        }
        if (nodata != null) {
            tags.put(42113, new Object[] {2, nodata});
        }

        // Layout: header, directory, values too long for an entry, then the blocks.
        int directorySize = 2 + 12 * tags.size() + 4;
        int position = 8 + directorySize;
        List<byte[]> extras = new ArrayList<>();
        List<Integer> extraOffsets = new ArrayList<>();
        for (Object[] tag : tags.values()) {
            byte[] value = valueBytes((Integer) tag[0], tag[1], offsets);
            if (value.length > 4) {
                extraOffsets.add(position);
                extras.add(value);
                position += value.length + (value.length % 2);
            } else {
                extraOffsets.add(-1);
                extras.add(value);
            }
        }
        long dataStart = position;
        for (int k = 0; k < blocks.size(); k++) {
            offsets[k] = dataStart;
            dataStart += blocks.get(k).length;
        }
        ByteBuffer out = ByteBuffer.allocate((int) dataStart).order(order);
        out.put((byte) (order == ByteOrder.LITTLE_ENDIAN ? 'I' : 'M'));
        out.put((byte) (order == ByteOrder.LITTLE_ENDIAN ? 'I' : 'M'));
        out.putShort((short) 42).putInt(8);
        out.putShort((short) tags.size());
        int k = 0;
        for (var entry : tags.entrySet()) {
            int type = (Integer) entry.getValue()[0];
            byte[] value = valueBytes(type, entry.getValue()[1], offsets);
            out.putShort((short) (int) entry.getKey()).putShort((short) type).putInt(count(type, entry.getValue()[1]));
            if (extraOffsets.get(k) >= 0) {
                out.putInt(extraOffsets.get(k));
            } else {
                byte[] padded = new byte[4];
                System.arraycopy(value, 0, padded, 0, value.length);
                out.put(padded);
            }
            k++;
        }
        out.putInt(0);
        k = 0;
        for (Object[] tag : tags.values()) {
            if (extraOffsets.get(k) >= 0) {
                out.position(extraOffsets.get(k));
                out.put(valueBytes((Integer) tag[0], tag[1], offsets));
            }
            k++;
        }
        out.position(position);
        for (byte[] block : blocks) {
            out.put(block);
        }
        return out.array();
    }

    private static int count(int type, Object values) {
        return switch (type) {
            case 2 -> ((String) values).getBytes(StandardCharsets.US_ASCII).length + 1;
            case 12 -> ((double[]) values).length;
            default -> ((long[]) values).length;
        };
    }

    private byte[] valueBytes(int type, Object values, long[] offsets) {
        ByteBuffer b;
        switch (type) {
            case 2 -> {
                byte[] text = ((String) values).getBytes(StandardCharsets.US_ASCII);
                b = ByteBuffer.allocate(text.length + 1).order(order);
                b.put(text).put((byte) 0);
            }
            case 3 -> {
                long[] v = (long[]) values;
                b = ByteBuffer.allocate(2 * v.length).order(order);
                for (long x : v) {
                    b.putShort((short) x);
                }
            }
            case 4 -> {
                long[] v = (long[]) values;
                b = ByteBuffer.allocate(4 * v.length).order(order);
                for (long x : v) {
                    b.putInt((int) x);
                }
            }
            case 12 -> {
                double[] v = (double[]) values;
                b = ByteBuffer.allocate(8 * v.length).order(order);
                for (double x : v) {
                    b.putDouble(x);
                }
            }
            default -> throw new IllegalArgumentException("type " + type);
        }
        return b.array();
    }

    /** One block's samples in the file's byte order, predictor applied, rows past the image padded with zeros. */
    private byte[] block(int column0, int row0, int blockWidth, int blockHeight) {
        int bytesPerSample = sample.bits / 8;
        ByteBuffer b = ByteBuffer.allocate(blockWidth * blockHeight * bytesPerSample).order(order);
        for (int r = 0; r < blockHeight; r++) {
            double[] line = new double[blockWidth];
            for (int c = 0; c < blockWidth; c++) {
                int row = row0 + r;
                int column = column0 + c;
                line[c] = row < rows.length && column < rows[0].length ? rows[row][column] : 0;
            }
            if (predictor == 3) {
                b.put(floatingPointPredicted(line));
                continue;
            }
            for (int c = blockWidth - 1; c >= 0; c--) {
                if (predictor == 2) {
                    if (sample != Sample.INT16) {
                        throw new IllegalArgumentException("the test writer applies predictor 2 to int16 only");
                    }
                    line[c] = (short) ((short) line[c] - (c > 0 ? (short) line[c - 1] : 0));
                }
            }
            for (double value : line) {
                switch (sample) {
                    case INT16 -> b.putShort((short) value);
                    case FLOAT32 -> b.putFloat((float) value);
                    case FLOAT64 -> b.putDouble(value);
                }
            }
        }
        return b.array();
    }

    /**
     * The floating-point predictor (Adobe TIFF Technical Note 3) as libtiff applies it on a little-endian machine
     * (GDAL's files): the row's samples in the file's byte order, regrouped so that byte {@code b} of every sample
     * goes into plane {@code size − 1 − b} (little-endian files: most significant bytes first; big-endian files:
     * least significant first, as measured on a GDAL-written big-endian file), then each byte minus the one before.
     */
    private byte[] floatingPointPredicted(double[] line) {
        int bytesPerSample = sample.bits / 8;
        int n = line.length;
        ByteBuffer fileOrder = ByteBuffer.allocate(n * bytesPerSample).order(order);
        for (double value : line) {
            if (sample == Sample.FLOAT32) {
                fileOrder.putFloat((float) value);
            } else if (sample == Sample.FLOAT64) {
                fileOrder.putDouble(value);
            } else {
                throw new IllegalArgumentException("predictor 3 needs float samples");
            }
        }
        byte[] raw = fileOrder.array();
        byte[] shuffled = new byte[raw.length];
        for (int i = 0; i < n; i++) {
            for (int byteIndex = 0; byteIndex < bytesPerSample; byteIndex++) {
                shuffled[(bytesPerSample - 1 - byteIndex) * n + i] = raw[i * bytesPerSample + byteIndex];
            }
        }
        for (int i = shuffled.length - 1; i > 0; i--) {
            shuffled[i] = (byte) (shuffled[i] - shuffled[i - 1]);
        }
        return shuffled;
    }

    /**
     * TIFF LZW (TIFF 6.0, section 13): codes written most significant bit first, 256 clears the table, 257 ends the
     * strip; codes grow from 9 to 12 bits one code early (when the next free code reaches 511, 1023, 2047), and the
     * table is cleared when it would need a 13th bit.
     */
    private static byte[] lzw(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long[] bitBuffer = {0, 0};
        java.util.Map<String, Integer> table = new java.util.HashMap<>();
        int[] width = {9};
        java.util.function.IntConsumer emit = code -> {
            bitBuffer[0] = (bitBuffer[0] << width[0]) | code;
            bitBuffer[1] += width[0];
            while (bitBuffer[1] >= 8) {
                out.write((int) (bitBuffer[0] >>> (bitBuffer[1] - 8)) & 0xFF);
                bitBuffer[1] -= 8;
            }
        };
        emit.accept(256);
        int next = 258;
        String current = "";
        for (byte value : raw) {
            String extended = current + (char) (value & 0xFF);
            if (extended.length() == 1 || table.containsKey(extended)) {
                current = extended;
                continue;
            }
            emit.accept(current.length() == 1 ? current.charAt(0) : table.get(current));
            table.put(extended, next++);
            if (next == 511 || next == 1023 || next == 2047) {
                width[0]++;
            }
            if (next == 4093) {
                emit.accept(256);
                table.clear();
                next = 258;
                width[0] = 9;
            }
            current = String.valueOf((char) (value & 0xFF));
        }
        if (!current.isEmpty()) {
            emit.accept(current.length() == 1 ? current.charAt(0) : table.get(current));
            next++;
            if (next == 511 || next == 1023 || next == 2047) {
                width[0]++;
            }
        }
        emit.accept(257);
        if (bitBuffer[1] > 0) {
            out.write((int) (bitBuffer[0] << (8 - bitBuffer[1])) & 0xFF);
        }
        return out.toByteArray();
    }

    private byte[] compress(byte[] raw) {
        return switch (compression) {
            case NONE -> raw;
            case LZW -> lzw(raw);
            case DEFLATE -> {
                Deflater deflater = new Deflater();
                deflater.setInput(raw);
                deflater.finish();
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] buffer = new byte[4096];
                while (!deflater.finished()) {
                    out.write(buffer, 0, deflater.deflate(buffer));
                }
                deflater.end();
                yield out.toByteArray();
            }
            default -> throw new IllegalArgumentException("compression " + compression);
        };
    }
}
