package org.tradebench.connector.bitfinex.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** HMAC-SHA384 (RFC 4231), the auth message, the nonce source, and secrets kept out of text. */
class BitfinexAuthTest {

    private static final String SECRET = "test-secret-not-real";

    @Test
    void hmacSha384MatchesRfc4231() {
        JsonObject vectors = TestVectors.load("rfc4231_hmac_sha256_sha384.json");
        int checked = 0;
        for (JsonElement c : vectors.getAsJsonArray("cases")) {
            JsonObject test = c.getAsJsonObject();
            if (!test.get("hash").getAsString().equals("sha384")) {
                continue;
            }
            byte[] key = HexFormat.of().parseHex(test.get("key_hex").getAsString());
            byte[] data = HexFormat.of().parseHex(test.get("data_hex").getAsString());
            assertEquals(test.get("expected_hex").getAsString(), BitfinexAuth.hmacSha384Hex(key, data));
            checked++;
        }
        assertEquals(6, checked);
    }

    @Test
    void authMessageWithAFixedNonce() {
        BitfinexCredentials credentials = new BitfinexCredentials("test-key-0001", SECRET.toCharArray());
        // The signature was computed independently: Python hmac.new(secret, b"AUTH1737972930123456", sha384).
        String signature = "f85c6d72f4238582668f851993ea027bcc8a9302110a99f5326e1bbc4b5cad99"
                + "8e72252ced91b88fb3520262cb2c1640";
        assertEquals(signature, BitfinexAuth.signature(credentials, "AUTH1737972930123456"));
        assertEquals("{\"event\":\"auth\",\"apiKey\":\"test-key-0001\",\"authSig\":\"" + signature
                + "\",\"authNonce\":1737972930123456,\"authPayload\":\"AUTH1737972930123456\",\"dms\":4}",
                BitfinexAuth.authMessage(credentials, 1737972930123456L, BitfinexAuth.DEAD_MAN_SWITCH));
        assertEquals("{\"event\":\"auth\",\"apiKey\":\"test-key-0001\",\"authSig\":\"" + signature
                + "\",\"authNonce\":1737972930123456,\"authPayload\":\"AUTH1737972930123456\"}",
                BitfinexAuth.authMessage(credentials, 1737972930123456L, 0));
    }

    @Test
    void secretsNeverAppearInTextOrErrors() {
        BitfinexCredentials credentials = new BitfinexCredentials("test-key-0001", SECRET.toCharArray());
        assertEquals("BitfinexCredentials[apiKey=test\u2026, secret=***]", credentials.toString());
        assertFalse(credentials.toString().contains(SECRET));
        IllegalArgumentException badNonce = assertThrows(IllegalArgumentException.class,
                () -> BitfinexAuth.authMessage(credentials, 1L << 53, 4));
        assertFalse(badNonce.getMessage().contains(SECRET));
        credentials.destroy();
        IllegalStateException destroyed = assertThrows(IllegalStateException.class,
                () -> BitfinexAuth.signature(credentials, "AUTH1"));
        assertEquals("Bitfinex credentials for key test\u2026 were destroyed", destroyed.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> new BitfinexCredentials("k", new char[0]));
        assertEquals("Bitfinex API key and secret must not be empty", empty.getMessage());
    }

    @Test
    void callerMayWipeItsSecretArray() {
        char[] secret = SECRET.toCharArray();
        BitfinexCredentials credentials = new BitfinexCredentials("test-key-0001", secret);
        java.util.Arrays.fill(secret, '\0');
        assertEquals(BitfinexAuth.hmacSha384Hex(SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "AUTH1".getBytes(java.nio.charset.StandardCharsets.UTF_8)), BitfinexAuth.signature(credentials, "AUTH1"));
    }

    @Test
    void noncesStrictlyIncreaseWhenTheClockStallsOrStepsBack() {
        AtomicLong clock = new AtomicLong(1_737_972_930_123_456L);
        BitfinexNonceSource nonces = new BitfinexNonceSource(clock::get);
        long a = nonces.next();
        long b = nonces.next();
        clock.addAndGet(-5_000_000);
        long c = nonces.next();
        clock.set(1_737_972_999_000_000L);
        long d = nonces.next();
        assertEquals(1_737_972_930_123_456L, a);
        assertEquals(a + 1, b);
        assertEquals(b + 1, c);
        assertEquals(1_737_972_999_000_000L, d);
    }

    @Test
    void noncesStayWithinJavaScriptSafeIntegers() {
        BitfinexNonceSource nonces = new BitfinexNonceSource(() -> BitfinexNonceSource.MAX_NONCE);
        assertEquals(BitfinexNonceSource.MAX_NONCE, nonces.next());
        assertThrows(IllegalStateException.class, nonces::next);
        long now = new BitfinexNonceSource().next();
        assertTrue(now > 1_700_000_000_000_000L && now < BitfinexNonceSource.MAX_NONCE, "microseconds: " + now);
    }
}
