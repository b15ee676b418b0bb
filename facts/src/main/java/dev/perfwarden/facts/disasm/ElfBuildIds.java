package dev.perfwarden.facts.disasm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;

/**
 * The build IDs an ELF binary carries in its note sections: the GNU build ID ({@code NT_GNU_BUILD_ID},
 * owner {@code GNU}, type 3; written in hex) and the Go build ID (owner {@code Go}, type 4, the text
 * {@code go tool buildid} prints). A Go CPU profile's main mapping records the GNU one:
 * {@code runtime/pprof} reads it from the running binary ({@code elfBuildID}). Go's linker writes a GNU
 * build ID derived from the Go build ID by default since Go 1.24 ({@code -B gobuildid}); binaries of
 * Go 1.23 and earlier have none unless linked with {@code -ldflags=-B=gobuildid}, and their profiles
 * record an empty build ID.
 *
 * @param gnu the GNU build ID in lower-case hex; empty when the binary has none
 * @param go  the Go build ID; empty when the binary has none
 */
public record ElfBuildIds(String gnu, String go) {
    private static final int SHT_NOTE = 7;
    private static final int NT_GNU_BUILD_ID = 3;
    private static final int NT_GO_BUILD_ID = 4;
    /** Largest note section read. */
    private static final long MAX_NOTES = 1 << 20;

    /**
     * Reads the notes of {@code binary}.
     *
     * @throws IOException when the file cannot be read or is no ELF file (the message says which)
     */
    public static ElfBuildIds read(Path binary) throws IOException {
        try (FileChannel ch = FileChannel.open(binary, StandardOpenOption.READ)) {
            ByteBuffer h = read(ch, 0, 64);
            if (h.limit() < 52 || h.get(0) != 0x7f || h.get(1) != 'E' || h.get(2) != 'L' || h.get(3) != 'F') {
                throw new IOException(binary + ": not an ELF binary (no \\x7fELF header)");
            }
            boolean wide = h.get(4) == 2;
            if (h.get(4) != 1 && !wide || h.get(5) != 1 && h.get(5) != 2) {
                throw new IOException(binary + ": unsupported ELF class or byte order");
            }
            ByteOrder order = h.get(5) == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
            h.order(order);
            long shoff = wide ? h.getLong(40) : Integer.toUnsignedLong(h.getInt(32));
            int shentsize = Short.toUnsignedInt(h.getShort(wide ? 58 : 46));
            int shnum = Short.toUnsignedInt(h.getShort(wide ? 60 : 48));
            String gnu = "";
            String go = "";
            for (int i = 0; i < shnum; i++) {
                ByteBuffer sh = read(ch, shoff + (long) i * shentsize, shentsize).order(order);
                if (sh.limit() < (wide ? 40 : 24) || sh.getInt(4) != SHT_NOTE) {
                    continue;
                }
                long off = wide ? sh.getLong(24) : Integer.toUnsignedLong(sh.getInt(16));
                long size = wide ? sh.getLong(32) : Integer.toUnsignedLong(sh.getInt(20));
                ByteBuffer notes = read(ch, off, (int) Math.min(size, MAX_NOTES)).order(order);
                int p = 0;
                while (p + 12 <= notes.limit()) {
                    int nameSize = notes.getInt(p);
                    int descSize = notes.getInt(p + 4);
                    int type = notes.getInt(p + 8);
                    int name = p + 12;
                    int desc = name + ((nameSize + 3) & ~3);
                    if (nameSize < 0 || descSize < 0 || desc + descSize > notes.limit()) {
                        break;
                    }
                    String owner = new String(bytes(notes, name, nameSize), StandardCharsets.US_ASCII)
                            .replace("\0", "");
                    if (owner.equals("GNU") && type == NT_GNU_BUILD_ID && gnu.isEmpty()) {
                        gnu = HexFormat.of().formatHex(bytes(notes, desc, descSize));
                    } else if (owner.equals("Go") && type == NT_GO_BUILD_ID && go.isEmpty()) {
                        go = new String(bytes(notes, desc, descSize), StandardCharsets.UTF_8);
                    }
                    p = desc + ((descSize + 3) & ~3);
                }
            }
            return new ElfBuildIds(gnu, go);
        }
    }

    private static byte[] bytes(ByteBuffer b, int from, int len) {
        byte[] out = new byte[len];
        b.get(from, out);
        return out;
    }

    private static ByteBuffer read(FileChannel ch, long at, int len) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(Math.max(0, len));
        while (b.hasRemaining()) {
            if (ch.read(b, at + b.position()) < 0) {
                break;
            }
        }
        return b.flip();
    }
}
