package dev.perfwarden.facts.escape;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class MessageCacheTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aMessageIsFoundByItsBytesWhereverTheyAre() {
        MessageCache c = new MessageCache(100, 0);
        byte[] line = b("x.go:1:2:     from &t (address-of) at x.go:3:4");
        int m = "x.go:1:2: ".length();
        Object v = new Object();
        assertNull(c.get(line, m, line.length));
        c.put(line, m, line.length, v);
        byte[] other = b("y.go:10:20:     from &t (address-of) at x.go:3:4");
        assertSame(v, c.get(other, "y.go:10:20: ".length(), other.length));
        // one byte more or less, or another byte, is another message
        assertNull(c.get(other, "y.go:10:20: ".length(), other.length - 1));
        assertNull(c.get(other, "y.go:10:20:".length(), other.length));
        byte[] changed = b("y.go:10:20:     from &u (address-of) at x.go:3:4");
        assertNull(c.get(changed, "y.go:10:20: ".length(), changed.length));
    }

    @Test
    void keepsEveryMessageAcrossGrowthAndStopsAddingAtItsBound() {
        MessageCache c = new MessageCache(3000, 0);
        for (int i = 0; i < 5000; i++) {
            byte[] k = b("  flow: {heap} ← &v" + i + ":");
            if (c.get(k, 0, k.length) == null) {
                c.put(k, 0, k.length, i);
            }
        }
        int kept = 0;
        for (int i = 0; i < 5000; i++) {
            byte[] k = b("  flow: {heap} ← &v" + i + ":");
            Object v = c.get(k, 0, k.length);
            if (v != null) {
                assertEquals(i, v);
                kept++;
            }
        }
        assertEquals(3000, kept);
    }

    @Test
    void aPutWithoutTheMissBeforeItKeepsNothing() {
        MessageCache c = new MessageCache(10, 0);
        byte[] k = b("    from x (spill) at a.go:1:1");
        c.put(k, 0, k.length, "v");
        assertNull(c.get(k, 0, k.length));
    }
}
