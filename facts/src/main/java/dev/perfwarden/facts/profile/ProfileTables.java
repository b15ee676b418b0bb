package dev.perfwarden.facts.profile;

import dev.perfwarden.facts.core.InputPos;
import dev.perfwarden.facts.core.ParseException;

import java.util.ArrayList;
import java.util.List;

/**
 * A profile.proto's tables as {@link ProfileReader}'s wire decoding leaves them (its first pass: everything
 * but the samples), still raw: string-table indices and ids, each element with the byte offset of its
 * top-level field, for {@link ProfileResolver} to resolve and check, and for errors to name where they are.
 */
final class ProfileTables {
    private final String display;
    private final boolean gzip;
    final LongList sampleTypeIdx = new LongList();
    final LongList sampleTypeOff = new LongList();
    final List<String> strings = new ArrayList<>();
    long stringTableOffset = -1;
    final LongList mapId = new LongList();
    final LongList mapFile = new LongList();
    final LongList mapBuildId = new LongList();
    final LongList mapOff = new LongList();
    final LongList fnId = new LongList();
    final LongList fnName = new LongList();
    final LongList fnSystemName = new LongList();
    final LongList fnFile = new LongList();
    final LongList fnOff = new LongList();
    final LongList locId = new LongList();
    final LongList locMapping = new LongList();
    final LongList locOff = new LongList();
    final LongList locLineStart = new LongList();
    final LongList lineFnId = new LongList();
    final LongList lineNo = new LongList();
    long periodTypeType = -1;
    long periodTypeUnit = -1;
    long periodTypeOff;
    long period;
    long timeNanos;
    long durationNanos;
    long dropFrames;
    long keepFrames;
    long defaultSampleType;
    long docUrl;
    final LongList comments = new LongList();
    final long[] scalarOff = new long[16];
    long samples;
    long unknownFields;
    long fieldsRead;

    ProfileTables(String display, boolean gzip) {
        this.display = display;
        this.gzip = gzip;
    }

    boolean gzip() {
        return gzip;
    }

    InputPos at(long offset) {
        return InputPos.offset(display, offset);
    }

    ParseException malformed(long offset, String problem) {
        return ParseException.malformed(at(offset), problem + (gzip ? " (offset in the decompressed data)" : ""),
                null);
    }

    /** A string-table entry, checked. */
    String str(long index, long offset, String what) throws ParseException {
        if (index < 0 || index >= strings.size()) {
            throw malformed(offset, what + " is string index " + index + ", out of range (the string table has "
                    + strings.size() + " entries)");
        }
        return strings.get((int) index);
    }
}
