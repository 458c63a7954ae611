package org.tradebench.venues.binance;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The API keys a Binance simulator knows and its own signature checks, written from Binance's
 * documentation (not shared with any connector, so a connector's signing bug is not mirrored):
 *
 * <ul>
 * <li>REST: the payload is the query string concatenated without separator to the request body,
 * both exactly as sent (percent-encoded text as received).</li>
 * <li>WebSocket API: the payload is every parameter except {@code signature}, sorted by name,
 * joined as {@code name=value&...}, raw UTF-8 (no percent-encoding).</li>
 * <li>HMAC-SHA256 keys sign as lower- or upper-case hex (HMAC signatures are not case
 * sensitive); Ed25519 keys as base64.</li>
 * </ul>
 *
 * Thread-safe.
 */
final class BinanceAuth {

    /** One API key: HMAC (secret) or Ed25519 (public key). */
    record ApiKey(String apiKey, String hmacSecret, PublicKey ed25519) {
        boolean isEd25519() {
            return ed25519 != null;
        }
    }

    /** Why a signed request was refused: the Binance code, text and HTTP status. */
    record Refusal(int httpStatus, int code, String msg) {
    }

    static final Refusal BAD_SIGNATURE = new Refusal(400, -1022, "Signature for this request is not valid.");
    static final Refusal BAD_KEY_FORMAT = new Refusal(401, -2014, "API-key format invalid.");
    static final Refusal REJECTED_KEY = new Refusal(401, -2015, "Invalid API-key, IP, or permissions for action.");
    static final Refusal OUTSIDE_WINDOW = new Refusal(400, -1021,
            "Timestamp for this request is outside of the recvWindow.");

    private final Map<String, ApiKey> keys = new ConcurrentHashMap<>();
    final java.util.concurrent.atomic.AtomicInteger signatureFailures = new java.util.concurrent.atomic.AtomicInteger();

    void addHmac(String apiKey, String secret) {
        keys.put(apiKey, new ApiKey(apiKey, secret, null));
    }

    void addEd25519(String apiKey, PublicKey publicKey) {
        keys.put(apiKey, new ApiKey(apiKey, null, publicKey));
    }

    /** An Ed25519 public key from PEM ({@code -----BEGIN PUBLIC KEY-----}) or base64 X.509 DER text. */
    static PublicKey ed25519PublicKey(String pemOrBase64) {
        String b64 = pemOrBase64.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder()
                    .decode(b64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an Ed25519 public key (X.509 PEM or base64 DER expected)", e);
        }
    }

    /** The key, or a -2014/-2015 refusal in {@code refusal[0]}. */
    ApiKey key(String apiKey, Refusal[] refusal) {
        if (apiKey == null || apiKey.isEmpty()) {
            refusal[0] = REJECTED_KEY;
            return null;
        }
        if (!apiKey.matches("[A-Za-z0-9]{1,128}")) {
            refusal[0] = BAD_KEY_FORMAT;
            return null;
        }
        ApiKey k = keys.get(apiKey);
        if (k == null) {
            refusal[0] = REJECTED_KEY;
        }
        return k;
    }

    /** Verifies a signature over a payload with the key's scheme. */
    boolean verify(ApiKey key, String payload, String signature) {
        boolean ok = signature != null && (key.isEd25519() ? verifyEd25519(key.ed25519(), payload, signature)
                : verifyHmac(key.hmacSecret(), payload, signature));
        if (!ok) {
            signatureFailures.incrementAndGet();
        }
        return ok;
    }

    static boolean verifyHmac(String secret, String payload, String hex) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String expected = HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
            return java.security.MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                    hex.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    static boolean verifyEd25519(PublicKey key, String payload, String base64) {
        try {
            byte[] sig = Base64.getDecoder().decode(base64);
            Signature v = Signature.getInstance("Ed25519");
            v.initVerify(key);
            v.update(payload.getBytes(StandardCharsets.UTF_8));
            return v.verify(sig);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }

    /** The WebSocket API payload: every parameter but {@code signature}, sorted by name, raw. */
    static String wsApiPayload(Map<String, String> params) {
        TreeMap<String, String> sorted = new TreeMap<>(params);
        sorted.remove("signature");
        List<String> parts = new ArrayList<>(sorted.size());
        sorted.forEach((k, v) -> parts.add(k + "=" + v));
        return String.join("&", parts);
    }

    /**
     * The {@code timestamp}/{@code recvWindow} rule of Binance's docs: refused when the timestamp is
     * 1 s or more ahead of the server's time, or older than {@code recvWindow} (default 5000, at
     * most 60000).
     *
     * @return null when the timing is fine
     */
    static Refusal timing(Map<String, String> params, long serverTime) {
        String ts = params.get("timestamp");
        if (ts == null || ts.isEmpty()) {
            return new Refusal(400, -1102, "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed.");
        }
        long timestamp;
        double window = 5000;
        try {
            timestamp = Long.parseLong(ts);
            if (timestamp > 10_000_000_000_000L) {
                timestamp /= 1000; // microseconds
            }
        } catch (NumberFormatException e) {
            return new Refusal(400, -1100, "Illegal characters found in parameter 'timestamp'; legal range is '^[0-9]{1,20}$'.");
        }
        String rw = params.get("recvWindow");
        if (rw != null) {
            try {
                window = Double.parseDouble(rw);
            } catch (NumberFormatException e) {
                return new Refusal(400, -1100, "Illegal characters found in parameter 'recvWindow'; legal range is '^[0-9]{1,20}(\\.[0-9]{1,3})?$'.");
            }
            if (window > 60000) {
                return new Refusal(400, -1131, "recvWindow must be less than 60000");
            }
        }
        if (timestamp >= serverTime + 1000) {
            return new Refusal(400, -1021, "Timestamp for this request was 1000ms ahead of the server's time.");
        }
        if (serverTime - timestamp > window) {
            return OUTSIDE_WINDOW;
        }
        return null;
    }
}
