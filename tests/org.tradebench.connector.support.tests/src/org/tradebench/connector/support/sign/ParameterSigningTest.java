package org.tradebench.connector.support.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tradebench.api.credentials.ApiCredentials;
import org.tradebench.api.credentials.KeyType;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The Binance-style payloads and signatures against every example Binance publishes
 * (binance_signature_examples.json, see VECTORS.md): REST in the order sent and percent-encoded,
 * WebSocket API sorted and raw, HMAC-SHA256 in hex; Ed25519 in base64 with a PKCS#8 PEM key.
 */
class ParameterSigningTest {

    private static JsonObject load(String name) {
        try (InputStream in = ParameterSigningTest.class.getResourceAsStream(name)) {
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new IllegalStateException(name + ": " + e.getMessage(), e);
        }
    }

    private static final JsonObject VECTORS = load("binance_signature_examples.json");

    private static Signer hmac() {
        return Signer.of(ApiCredentials.of("binance", "main", VECTORS.get("apiKey").getAsString(),
                VECTORS.get("secretKey").getAsString().toCharArray()));
    }

    /** The query string of a payload as (name, decoded value) pairs in order. */
    private static List<Map.Entry<String, String>> pairs(String unencoded) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (String p : unencoded.split("&")) {
            int eq = p.indexOf('=');
            out.add(Map.entry(p.substring(0, eq), p.substring(eq + 1)));
        }
        return out;
    }

    @Test
    void restPayloadsAndSignaturesMatchEveryPublishedExample() {
        Signer signer = hmac();
        int checked = 0;
        for (JsonElement e : VECTORS.getAsJsonArray("rest_hmac_sha256")) {
            JsonObject v = e.getAsJsonObject();
            String unencoded = v.has("payload_unencoded") ? v.get("payload_unencoded").getAsString()
                    : v.get("payload").getAsString();
            String payload = ParameterSigning.restPayload(pairs(unencoded));
            assertEquals(v.get("payload").getAsString(), payload, v.get("desc").getAsString());
            assertEquals(v.get("signature_hex").getAsString(), ParameterSigning.sign(signer, payload),
                    v.get("desc").getAsString());
            checked++;
        }
        assertEquals(3, checked);
    }

    @Test
    void restKeepsTheOrderSentNotSorted() {
        String p = ParameterSigning.restPayload(List.of(Map.entry("symbol", "X"), Map.entry("b", "1"), Map.entry("a", "2")));
        assertEquals("symbol=X&b=1&a=2", p);
        assertEquals("newClientOrderId=tb-a%3Ab%2Fc%20d", ParameterSigning.restPayload(
                List.of(Map.entry("newClientOrderId", "tb-a:b/c d"))));
        assertEquals("q=a%F0%9F%98%80", ParameterSigning.restPayload(List.of(Map.entry("q", "a\uD83D\uDE00"))));
        assertEquals("a=1b=2", ParameterSigning.restPayload("a=1", "b=2"), "Binance's totalParams: no separator");
    }

    @Test
    void webSocketPayloadsAndSignaturesMatchEveryPublishedExample() {
        Signer signer = hmac();
        int checked = 0;
        for (JsonElement e : VECTORS.getAsJsonArray("ws_api_hmac_sha256")) {
            JsonObject v = e.getAsJsonObject();
            JsonObject params = v.has("request_params") ? v.getAsJsonObject("request_params")
                    : v.getAsJsonObject("request").getAsJsonObject("params");
            Map<String, Object> map = new LinkedHashMap<>();
            params.entrySet().forEach(p -> map.put(p.getKey(), p.getValue().getAsString()));
            String payload = ParameterSigning.webSocketPayload(map);
            assertEquals(v.get("payload").getAsString(), payload, v.get("desc").getAsString());
            assertEquals(v.get("signature_hex").getAsString(), ParameterSigning.sign(signer, payload),
                    v.get("desc").getAsString());
            checked++;
        }
        assertEquals(3, checked, "order.place ASCII and non-ASCII, session.logon (its signature field left out)");
    }

    @Test
    void ed25519SignsBinancePayloadsWithAPemKeyThatTheirPublicKeyVerifies() throws Exception {
        JsonObject rfc8410 = load("rfc8032_ed25519.json").getAsJsonObject("rfc8410");
        Signer signer = Signer.of(new ApiCredentials("binance", "main", KeyType.ED25519, "edKeyRegistered01",
                rfc8410.get("private_key_pem").getAsString().toCharArray(), null));
        PublicKey pub = KeyFactory.getInstance("Ed25519").generatePublic(
                new X509EncodedKeySpec(Base64.getDecoder().decode(rfc8410.get("public_key_spki_der_b64").getAsString())));
        int checked = 0;
        for (JsonElement e : VECTORS.getAsJsonArray("ws_api_ed25519_unverifiable")) {
            JsonObject v = e.getAsJsonObject();
            String payload = v.get("payload").getAsString();
            String published = v.get("signature_b64").getAsString();
            // Binance's own examples: their key is not published, so their form only
            assertEquals(64, Base64.getDecoder().decode(published).length);
            assertEquals(88, published.length());
            String sig = ParameterSigning.sign(signer, payload);
            assertEquals(88, sig.length());
            Signature verify = Signature.getInstance("Ed25519");
            verify.initVerify(pub);
            verify.update(payload.getBytes(StandardCharsets.UTF_8));
            assertTrue(verify.verify(Base64.getDecoder().decode(sig)), v.get("desc").getAsString());
            assertEquals(sig, ParameterSigning.sign(signer, payload), "Ed25519 is deterministic");
            checked++;
        }
        assertEquals(2, checked);
        assertTrue(ParameterSigning.canLogOn(KeyType.ED25519));
        assertFalse(ParameterSigning.canLogOn(KeyType.HMAC));
    }

    @Test
    void webSocketPayloadSortsByNameAndLeavesOutSignatureAndNulls() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("timestamp", 5L);
        m.put("signature", "x");
        m.put("apiKey", "k");
        m.put("price", null);
        m.put("newClientOrderId", "a:b/c");
        assertEquals("apiKey=k&newClientOrderId=a:b/c&timestamp=5", ParameterSigning.webSocketPayload(m));
    }

    @Test
    void rsaKeysAreRefusedWithAReason() {
        Signer s = Signer.of(new ApiCredentials("binance", "main", KeyType.RSA, "rsaKeyRegistered01",
                "unused".toCharArray(), null));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ParameterSigning.sign(s, "a=1"));
        assertEquals("RSA keys are not supported; register an HMAC or an Ed25519 key", e.getMessage());
    }
}
