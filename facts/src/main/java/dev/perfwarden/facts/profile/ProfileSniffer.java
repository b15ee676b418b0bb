package dev.perfwarden.facts.profile;

import com.google.perftools.profiles.ProfileProto.Function;
import com.google.perftools.profiles.ProfileProto.Location;
import com.google.perftools.profiles.ProfileProto.Mapping;
import com.google.perftools.profiles.ProfileProto.Sample;
import com.google.perftools.profiles.ProfileProto.ValueType;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.ExtensionRegistryLite;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import dev.perfwarden.facts.input.InputHead;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.zip.GZIPInputStream;

/**
 * Decides from the first bytes of an input whether it is a profile.proto. Protobuf has no magic
 * number and almost any byte string decodes as <em>some</em> fields, so the test is strict:
 * every field in the head must be a field of {@code Profile} with the wire type profile.proto
 * gives it, nested messages must parse with the generated parsers, a {@code sample_type} must
 * appear (Go writes it within the first few fields), and a string table, when seen, must start
 * with "". When the head holds the whole profile, the string table must have been seen. A gzip
 * head is inflated as far as it goes first.
 */
final class ProfileSniffer {
    private static final int MAX_INFLATED = 256 * 1024;
    private static final ExtensionRegistryLite NONE = ExtensionRegistryLite.getEmptyRegistry();

    private ProfileSniffer() {
    }

    static boolean looksLikeProfile(InputHead head) {
        if (head.directory() || head.bytes().length < 2) {
            return false;
        }
        byte[] data = head.bytes();
        boolean whole = data.length < InputHead.SIZE;
        if (head.gzip()) {
            Inflated in = inflate(data);
            if (in == null) {
                return false;
            }
            data = in.bytes;
            whole = in.whole;
        }
        return plausible(data, whole);
    }

    private record Inflated(byte[] bytes, boolean whole) {
    }

    /** Inflates a gzip head; null when it is no valid gzip. {@code whole}: the stream ended inside the head. */
    private static Inflated inflate(byte[] head) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try (GZIPInputStream gz = new GZIPInputStream(new ByteArrayInputStream(head), 8192)) {
            while (out.size() < MAX_INFLATED) {
                int n = gz.read(buf);
                if (n < 0) {
                    return new Inflated(out.toByteArray(), true);
                }
                out.write(buf, 0, n);
            }
            return new Inflated(out.toByteArray(), false);
        } catch (EOFException e) {
            return out.size() == 0 ? null : new Inflated(out.toByteArray(), false);
        } catch (IOException e) {
            return null;
        }
    }

    static boolean plausible(byte[] data, boolean whole) {
        CodedInputStream in = CodedInputStream.newInstance(data);
        int fields = 0;
        boolean sampleType = false;
        boolean strings = false;
        try {
            while (!in.isAtEnd()) {
                int tag = in.readTag();
                int field = WireFormat.getTagFieldNumber(tag);
                int wire = WireFormat.getTagWireType(tag);
                int expected = ProfileReader.expectedWireType(field);
                if (expected < 0) {
                    return false;
                }
                if (wire != expected
                        && !(field == ProfileReader.COMMENT && wire == WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
                    return false;
                }
                fields++; // a valid tag: counts even when the head ends inside its content (a 200,000-frame sample)
                switch (field) {
                    case ProfileReader.SAMPLE_TYPE, ProfileReader.PERIOD_TYPE -> {
                        ValueType vt = in.readMessage(ValueType.parser(), NONE);
                        if (vt.getType() <= 0 || vt.getUnit() < 0) {
                            return false;
                        }
                        sampleType |= field == ProfileReader.SAMPLE_TYPE;
                    }
                    case ProfileReader.SAMPLE -> in.readMessage(Sample.parser(), NONE);
                    case ProfileReader.MAPPING -> in.readMessage(Mapping.parser(), NONE);
                    case ProfileReader.LOCATION -> in.readMessage(Location.parser(), NONE);
                    case ProfileReader.FUNCTION -> in.readMessage(Function.parser(), NONE);
                    case ProfileReader.STRING_TABLE -> {
                        String s = in.readString();
                        if (!strings && !s.isEmpty()) {
                            return false;
                        }
                        strings = true;
                    }
                    default -> in.skipField(tag);
                }
            }
        } catch (InvalidProtocolBufferException e) {
            // a head cut inside its last field is fine; anything else is not a profile
            String m = String.valueOf(e.getMessage());
            if (whole || !m.contains("ended unexpectedly")) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        if (fields < 2 || !(sampleType || strings)) {
            return false;
        }
        return whole ? sampleType && strings : true;
    }
}
