package org.tradebench.connector.support.sign;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tradebench.api.credentials.ApiCredentials;
import org.tradebench.api.credentials.KeyType;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Signing against published vectors (see VECTORS.md): RFC 4231 for HMAC-SHA256/384, RFC 8032 and
 * Backpack's signing strings for Ed25519 (a base64 seed), the RFC 8410 example for a PEM key. The
 * secret never shows in {@code toString} or an exception's message, the signer keeps its own copy,
 * and once wiped it refuses to sign.
 */
class SignerTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final String HMAC_SECRET = "s3cretS3cretS3cret";
    private static final String TEST1_SEED_B64 = "nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=";

    private static JsonObject load(String name) {
        try (InputStream in = SignerTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not next to the test");
            }
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new IllegalStateException(name + ": " + e.getMessage(), e);
        }
    }

    private static Signer hmac(String secret) {
        return Signer.of(ApiCredentials.of("bitfinex", "main", "k3yAbCdEfGh", secret.toCharArray()));
    }

    private static Signer ed25519(String secret) {
        return Signer.of(new ApiCredentials("backpack", "main", KeyType.ED25519, "11qYAYKxCrfVS/7TyWQH",
                secret.toCharArray(), null));
    }

    @Test
    void hmacMatchesEveryRfc4231Case() {
        JsonObject vectors = load("rfc4231_hmac_sha256_sha384.json");
        List<String> checked = new ArrayList<>();
        for (JsonElement e : vectors.getAsJsonArray("cases")) {
            JsonObject c = e.getAsJsonObject();
            String algorithm = "Hmac" + c.get("hash").getAsString().toUpperCase();
            byte[] mac = Signer.hmac(algorithm, HEX.parseHex(c.get("key_hex").getAsString()),
                    HEX.parseHex(c.get("data_hex").getAsString()));
            assertEquals(c.get("expected_hex").getAsString(), HEX.formatHex(mac), algorithm + " " + c);
            checked.add(algorithm);
        }
        assertEquals(12, checked.size(), "six cases for each hash");
    }

    @Test
    void hmacOfATextSecretIsTheHmacOfItsUtf8Bytes() {
        // RFC 4231 case 2: the key is the text "Jefe"
        Signer jefe = hmac("Jefe");
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                jefe.hmacHex("HmacSHA256", "what do ya want for nothing?"));
        assertEquals("af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649",
                jefe.hmacHex("HmacSHA384", "what do ya want for nothing?"));
        assertEquals(Base64.getEncoder().encodeToString(HEX.parseHex(
                "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")),
                jefe.hmacBase64("HmacSHA256", "what do ya want for nothing?"));

        Signer unicode = hmac("schlüssel");
        assertEquals(HEX.formatHex(Signer.hmac("HmacSHA512", "schlüssel".getBytes(StandardCharsets.UTF_8),
                "nonce=1".getBytes(StandardCharsets.UTF_8))), unicode.hmacHex("HmacSHA512", "nonce=1"));
    }

    @Test
    void anEmptyHmacKeyIsTheZeroPaddedKey() {
        assertArrayEquals(Signer.hmac("HmacSHA256", new byte[1], "x".getBytes(StandardCharsets.US_ASCII)),
                Signer.hmac("HmacSHA256", new byte[0], "x".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad",
                HEX.formatHex(Signer.hmac("HmacSHA256", new byte[0], new byte[0])), "HMAC-SHA256 of nothing, empty key");
    }

    @Test
    void anUnknownAlgorithmSaysWhich() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> hmac(HMAC_SECRET).hmacHex("HmacSHA3", "x"));
        assertEquals("HmacSHA3 is not available: NoSuchAlgorithmException", e.getMessage());
    }

    @Test
    void ed25519MatchesTheRfc8032VectorsWithUtf8Messages() {
        JsonObject vectors = load("rfc8032_ed25519.json");
        int checked = 0;
        for (JsonElement e : vectors.getAsJsonArray("vectors")) {
            JsonObject v = e.getAsJsonObject();
            byte[] message = HEX.parseHex(v.get("message_hex").getAsString());
            if (!isUtf8(message)) {
                continue; // binary messages cannot go through a signer of text
            }
            String seed = Base64.getEncoder().encodeToString(HEX.parseHex(v.get("secret_key_hex").getAsString()));
            Signer s = ed25519(seed);
            assertEquals(v.get("signature_base64").getAsString(),
                    s.ed25519Base64(new String(message, StandardCharsets.UTF_8)), v.get("name").getAsString());
            checked++;
        }
        assertEquals(2, checked, "TEST 1 and TEST 2");
    }

    private static boolean isUtf8(byte[] bytes) {
        return Arrays.equals(bytes, new String(bytes, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void ed25519SignsBackpacksSigningStringsAsPublished() {
        JsonObject vectors = load("backpack_signing_examples.json");
        Signer s = ed25519(vectors.get("secret_b64").getAsString());
        assertEquals(TEST1_SEED_B64, vectors.get("secret_b64").getAsString());
        int checked = 0;
        for (JsonElement e : vectors.getAsJsonArray("cases")) {
            JsonObject c = e.getAsJsonObject();
            assertEquals(c.get("derived_signature_b64_with_rfc8032_test1_seed").getAsString(),
                    s.ed25519Base64(c.get("signing_string").getAsString()), c.get("desc").getAsString());
            checked++;
        }
        assertEquals(3, checked);
        assertEquals(KeyType.ED25519, s.keyType());
        assertEquals("backpack", s.exchangeId());
        assertEquals("11qYAYKxCrfVS/7TyWQH", s.apiKey());
    }

    @Test
    void ed25519ReadsAPemPrivateKey() throws GeneralSecurityException {
        JsonObject rfc8410 = load("rfc8032_ed25519.json").getAsJsonObject("rfc8410");
        Signer s = ed25519(rfc8410.get("private_key_pem").getAsString());
        String payload = "instruction=subscribe&timestamp=1614550000000&window=5000";
        byte[] signature = Base64.getDecoder().decode(s.ed25519Base64(payload));
        PublicKey pub = KeyFactory.getInstance("Ed25519").generatePublic(
                new X509EncodedKeySpec(Base64.getDecoder().decode(rfc8410.get("public_key_spki_der_b64").getAsString())));
        Signature verify = Signature.getInstance("Ed25519");
        verify.initVerify(pub);
        verify.update(payload.getBytes(StandardCharsets.UTF_8));
        assertTrue(verify.verify(signature), "verifies with the RFC 8410 example's public key");
        assertEquals(64, signature.length);
    }

    @Test
    void unreadableEd25519SecretsSayWhyNeverWhat() {
        String notBase64 = "this-is-my-secret-key!";
        IllegalArgumentException a = assertThrows(IllegalArgumentException.class, () -> ed25519(notBase64));
        assertEquals("the Ed25519 secret is neither base64 nor a PEM private key", a.getMessage());

        String shortSeed = Base64.getEncoder().encodeToString("sixteen byte key".getBytes(StandardCharsets.US_ASCII));
        IllegalArgumentException b = assertThrows(IllegalArgumentException.class, () -> ed25519(shortSeed));
        assertEquals("an Ed25519 secret is a base64 32-byte seed or a PEM private key; this one decodes to 16 bytes",
                b.getMessage());

        String badPem = "-----BEGIN PRIVATE KEY-----\nc2l4dGVlbiBieXRlIGtleQ==\n-----END PRIVATE KEY-----";
        IllegalArgumentException c = assertThrows(IllegalArgumentException.class, () -> ed25519(badPem));
        assertEquals("the Ed25519 private key cannot be read: InvalidKeySpecException", c.getMessage());

        for (IllegalArgumentException e : List.of(a, b, c)) {
            assertFalse(e.getMessage().contains("secret-key") || e.getMessage().contains("c2l4dGVlbiBieXRlIGtleQ")
                    || e.getMessage().contains(shortSeed), e.getMessage());
            assertFalse(String.valueOf(e.getCause()).contains("secret-key"), "cause: " + e.getCause());
        }
    }

    @Test
    void signingWithTheWrongKindOfKeySaysSo() {
        IllegalStateException notHmac = assertThrows(IllegalStateException.class,
                () -> ed25519(TEST1_SEED_B64).hmacHex("HmacSHA256", "x"));
        assertEquals("the backpack key is ed25519, not an HMAC secret", notHmac.getMessage());
        IllegalStateException notEd = assertThrows(IllegalStateException.class,
                () -> hmac(HMAC_SECRET).ed25519Base64("x"));
        assertEquals("the bitfinex key is hmac, not ed25519", notEd.getMessage());
    }

    @Test
    void toStringShowsTheStartOfTheApiKeyAndNeverTheSecret() {
        Signer s = hmac(HMAC_SECRET);
        assertEquals("Signer[bitfinex, hmac, apiKey=k3yA\u2026, secret=<redacted>]", s.toString());
        Signer ed = ed25519(TEST1_SEED_B64);
        assertFalse(ed.toString().contains(TEST1_SEED_B64), ed.toString());
        assertEquals("Signer[backpack, ed25519, apiKey=11qY\u2026, secret=<redacted>]", ed.toString());
    }

    @Test
    void theSignerKeepsItsOwnCopyAndLeavesTheCallersAlone() {
        ApiCredentials keys = ApiCredentials.of("bitfinex", "main", "k3yAbCdEfGh", "Jefe".toCharArray());
        Signer s = Signer.of(keys);
        assertEquals("Jefe", new String(keys.secret()), "the caller's credentials still work");
        keys.wipe();
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                s.hmacHex("HmacSHA256", "what do ya want for nothing?"), "the caller wiped only its own copy");
    }

    @Test
    void afterWipeSigningFailsWithoutShowingTheSecret() {
        Signer s = hmac(HMAC_SECRET);
        s.hmacHex("HmacSHA384", "AUTH1");
        s.wipe();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.hmacHex("HmacSHA384", "AUTH2"));
        assertEquals("the API secret of bitfinex was wiped", e.getMessage());
        assertFalse(e.getMessage().contains(HMAC_SECRET));

        Signer ed = ed25519(TEST1_SEED_B64);
        ed.ed25519Base64("x");
        ed.wipe();
        IllegalStateException f = assertThrows(IllegalStateException.class, () -> ed.ed25519Base64("y"));
        assertEquals("the API secret of backpack was wiped", f.getMessage());
        assertFalse(f.getMessage().contains(TEST1_SEED_B64));
        s.wipe(); // twice is harmless
    }
}
