package igm.io;

import igm.InputException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The byte layout of a netCDF-3 file (classic, 64-bit offset or CDF-5) as its header declares it, read from the
 * header alone, to find files that are shorter than their header says.
 *
 * <p>NetCDF-Java opens such a file without complaint and reads the missing bytes as zeros (it switches the file to
 * "extend mode"), so a truncated copy runs as if it were whole. {@link #requireComplete(Path)} compares the extent of
 * every variable (its {@code begin} offset and size, and for record variables the last record) with the file's
 * length. The header format is the one of the NetCDF Classic Format Specification (Unidata, netCDF User's Guide,
 * "File Format Specifications").
 */
final class ClassicNetcdfLayout {

    private static final int NC_DIMENSION = 0x0A;
    private static final int NC_VARIABLE = 0x0B;
    private static final int NC_ATTRIBUTE = 0x0C;
    private static final long STREAMING = 0xFFFFFFFFL;
    /** The longest header read (a header of more than 64 MiB is taken as damaged). */
    private static final long MAX_HEADER_BYTES = 64L << 20;

    /**
     * One variable's data: its name, where it starts, its bytes per record (or in all), and whether it is a record
     * variable.
     */
    private record Extent(String name, long begin, long bytes, boolean record) {
    }

    private final ByteBuffer header;
    private final int version;

    private ClassicNetcdfLayout(ByteBuffer header, int version) {
        this.header = header;
        this.version = version;
    }

    /**
     * Checks that a netCDF-3 file holds every byte its header declares.
     *
     * @throws InputException naming the file, its length, the first variable that does not fit and the length the
     *                        header needs; or for a header that is itself cut short or malformed
     */
    static void requireComplete(Path file) {
        long length;
        List<Extent> extents = null;
        long records = 0;
        try (FileChannel channel = FileChannel.open(file)) {
            length = channel.size();
            for (long headerBytes = 1 << 16; extents == null; headerBytes *= 4) {
                ByteBuffer bytes = head(channel, (int) Math.min(length, Math.min(headerBytes, MAX_HEADER_BYTES)));
                ClassicNetcdfLayout layout = new ClassicNetcdfLayout(bytes, bytes.get(3));
                try {
                    bytes.position(4);
                    records = layout.count();
                    extents = layout.variables();
                } catch (java.nio.BufferUnderflowException | IllegalStateException | IndexOutOfBoundsException e) {
                    if (bytes.limit() == length || bytes.limit() == MAX_HEADER_BYTES) {
                        throw new InputException("input file " + file + " is truncated or damaged: its netCDF-3 "
                                + "header is incomplete (the file has " + length + " bytes); copy or download it "
                                + "again");
                    }
                }
            }
        } catch (IOException e) {
            throw new InputException("cannot read input file " + file + ": " + e.getMessage(), e);
        }
        long recordBytes = 0;
        int recordVariables = 0;
        for (Extent e : extents) {
            if (e.record()) {
                recordBytes += e.bytes();
                recordVariables++;
            }
        }
        if (recordVariables > 1) {
            recordBytes = 0;
            for (Extent e : extents) {
                if (e.record()) {
                    recordBytes += padded(e.bytes());
                }
            }
        }
        long needed = 0;
        Extent first = null;
        long firstEnd = 0;
        for (Extent e : extents) {
            long end;
            if (!e.record()) {
                end = e.begin() + e.bytes();
            } else if (records == STREAMING || records <= 0) {
                continue;
            } else {
                end = e.begin() + (records - 1) * recordBytes + e.bytes();
            }
            if (end > length && first == null) {
                first = e;
                firstEnd = end;
            }
            needed = Math.max(needed, end);
        }
        if (first != null) {
            throw new InputException("input file " + file + " is truncated: it has " + length + " bytes but its header"
                    + " places " + (first.record() ? "record " + records + " of " : "") + "variable '" + first.name()
                    + "' at bytes " + (firstEnd - first.bytes()) + " to " + firstEnd + ", and the whole file needs "
                    + needed + " bytes; copy or download it again");
        }
    }

    /** The first {@code bytes} bytes of the file. */
    private static ByteBuffer head(FileChannel channel, int bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(bytes);
        int read = 0;
        while (buffer.hasRemaining() && read >= 0) {
            read = channel.read(buffer, buffer.position());
        }
        buffer.flip();
        return buffer;
    }

    private static long padded(long bytes) {
        return (bytes + 3) / 4 * 4;
    }

    /** A NON_NEG count: 4 bytes, 8 in CDF-5. */
    private long count() {
        return version == 5 ? header.getLong() : header.getInt() & 0xFFFFFFFFL;
    }

    /** A list header: its tag ({@code expected}, or 0 for an absent list) and its number of elements. */
    private long list(int expected) {
        int tag = header.getInt();
        long elements = count();
        if (tag != expected && !(tag == 0 && elements == 0)) {
            throw new IllegalStateException("list tag " + tag + " where " + expected + " was expected");
        }
        return elements;
    }

    private void skipName() {
        long chars = count();
        skip(padded(chars));
    }

    private String name() {
        int chars = (int) count();
        byte[] text = new byte[chars];
        header.get(text);
        skip(padded(chars) - chars);
        return new String(text, java.nio.charset.StandardCharsets.UTF_8);
    }

    private void skip(long bytes) {
        if (bytes > header.remaining()) {
            throw new IllegalStateException("header ends early");
        }
        header.position(header.position() + (int) bytes);
    }

    private static int typeSize(int type) {
        return switch (type) {
            case 1, 2, 7 -> 1;
            case 3, 8 -> 2;
            case 4, 5, 9 -> 4;
            case 6, 10, 11 -> 8;
            default -> throw new IllegalStateException("unknown type " + type);
        };
    }

    private List<Extent> variables() {
        List<Long> dimensionLengths = new ArrayList<>();
        long dimensions = list(NC_DIMENSION);
        for (long d = 0; d < dimensions; d++) {
            skipName();
            dimensionLengths.add(count());
        }
        skipAttributes();
        List<Extent> extents = new ArrayList<>();
        long variables = list(NC_VARIABLE);
        for (long v = 0; v < variables; v++) {
            String name = name();
            long rank = count();
            boolean record = false;
            long elements = 1;
            for (long d = 0; d < rank; d++) {
                long dimensionLength = dimensionLengths.get((int) count());
                if (d == 0 && dimensionLength == 0) {
                    record = true;
                } else {
                    elements *= dimensionLength;
                }
            }
            skipAttributes();
            int type = header.getInt();
            count();
            long begin = version == 1 ? header.getInt() & 0xFFFFFFFFL : header.getLong();
            extents.add(new Extent(name, begin, elements * typeSize(type), record));
        }
        return extents;
    }

    private void skipAttributes() {
        long attributes = list(NC_ATTRIBUTE);
        for (long a = 0; a < attributes; a++) {
            skipName();
            int type = header.getInt();
            long values = count();
            skip(padded(values * typeSize(type)));
        }
    }
}
