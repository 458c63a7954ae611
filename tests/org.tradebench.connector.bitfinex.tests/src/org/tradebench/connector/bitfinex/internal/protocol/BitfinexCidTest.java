package org.tradebench.connector.bitfinex.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class BitfinexCidTest {

    @Test
    void theCidIsTheTop45BitsOfSha256OfTheClientOrderId() {
        // SHA-256("abc") = ba7816bf8f01cfea...; its top 45 bits: 0xba7816bf8f01cfeaL >>> 19
        assertEquals(0xba7816bf8f01cfeaL >>> 19, BitfinexCid.of("abc"));
        assertEquals(BitfinexCid.of("gw-0001"), BitfinexCid.of("gw-0001"), "the same in every run");
        assertNotEquals(BitfinexCid.of("gw-0001"), BitfinexCid.of("gw-0002"));
    }

    @Test
    void everyCidFitsBitfinexs45BitsAndIsPositive() {
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            long cid = BitfinexCid.of("order-" + i);
            assertTrue(cid > 0 && cid <= BitfinexCid.MAX, Long.toString(cid));
            seen.add(cid);
        }
        assertEquals(100_000, seen.size(), "no collision among 100,000 ids (odds about 1.4e-4)");
    }

    @Test
    void theCidDateIsTheUtcDayItWasSent() {
        assertEquals("2026-12-04", BitfinexCid.date(Instant.parse("2026-12-04T23:59:59.999Z")));
        assertEquals("2026-12-05", BitfinexCid.date(Instant.parse("2026-12-05T00:00:00Z")));
    }
}
