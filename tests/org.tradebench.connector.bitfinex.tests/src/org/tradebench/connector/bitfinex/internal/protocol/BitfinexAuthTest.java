package org.tradebench.connector.bitfinex.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.tradebench.api.credentials.ApiCredentials;
import org.tradebench.connector.support.sign.Signer;

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
            assertEquals(test.get("expected_hex").getAsString(),
                    HexFormat.of().formatHex(Signer.hmac(BitfinexAuth.ALGORITHM, key, data)));
            checked++;
        }
        assertEquals(6, checked);
    }

    @Test
    void authMessageWithAFixedNonce() {
        Signer signer = signer(SECRET.toCharArray());
        // The signature was computed independently: Python hmac.new(secret, b"AUTH1737972930123456", sha384).
        String signature = "f85c6d72f4238582668f851993ea027bcc8a9302110a99f5326e1bbc4b5cad99"
                + "8e72252ced91b88fb3520262cb2c1640";
        assertEquals(signature, BitfinexAuth.signature(signer, "AUTH1737972930123456"));
        assertEquals("{\"event\":\"auth\",\"apiKey\":\"test-key-0001\",\"authSig\":\"" + signature
                + "\",\"authNonce\":1737972930123456,\"authPayload\":\"AUTH1737972930123456\",\"dms\":4}",
                BitfinexAuth.authMessage(signer, 1737972930123456L, BitfinexAuth.DEAD_MAN_SWITCH));
        assertEquals("{\"event\":\"auth\",\"apiKey\":\"test-key-0001\",\"authSig\":\"" + signature
                + "\",\"authNonce\":1737972930123456,\"authPayload\":\"AUTH1737972930123456\"}",
                BitfinexAuth.authMessage(signer, 1737972930123456L, 0));
    }

    @Test
    void secretsNeverAppearInTextOrErrors() {
        Signer signer = signer(SECRET.toCharArray());
        assertFalse(signer.toString().contains(SECRET), signer.toString());
        assertFalse(signer.toString().contains("test-key-0001"), signer.toString());
        IllegalArgumentException badNonce = assertThrows(IllegalArgumentException.class,
                () -> BitfinexAuth.authMessage(signer, 1L << 53, 4));
        assertEquals("nonce must be 1..2^53-1, was 9007199254740992", badNonce.getMessage());
        signer.wipe();
        IllegalStateException wiped = assertThrows(IllegalStateException.class,
                () -> BitfinexAuth.signature(signer, "AUTH1"));
        assertFalse(wiped.getMessage().contains(SECRET), wiped.getMessage());
    }

    @Test
    void callerMayWipeItsSecretArray() {
        char[] secret = SECRET.toCharArray();
        Signer signer = signer(secret);
        java.util.Arrays.fill(secret, '\0');
        assertEquals(HexFormat.of().formatHex(Signer.hmac(BitfinexAuth.ALGORITHM,
                SECRET.getBytes(StandardCharsets.UTF_8), "AUTH1".getBytes(StandardCharsets.UTF_8))),
                BitfinexAuth.signature(signer, "AUTH1"));
    }

    private static Signer signer(char[] secret) {
        return Signer.of(new ApiCredentials("bitfinex", "main", "test-key-0001", secret, new char[0]));
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
