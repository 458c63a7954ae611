package org.tradebench.connector.support.sign;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.tradebench.api.credentials.KeyType;

/**
 * The two ways exchanges of the Binance family sign request parameters, shared by every connector
 * that speaks them (Binance spot and USD-M, and the exchanges that copied Binance's API):
 *
 * <ul>
 * <li><b>REST</b> ({@link #restPayload}): the query string and the body concatenated <em>in the order
 * they are sent</em>, names and values percent-encoded (RFC 3986: everything but
 * {@code A-Z a-z 0-9 - _ . ~} as {@code %XX} of its UTF-8 bytes). The signed text is exactly the text
 * sent, so the same string is both.</li>
 * <li><b>WebSocket API</b> ({@link #webSocketPayload}): every parameter except {@code signature},
 * sorted by name, {@code name=value} joined with {@code &}, raw UTF-8 (no percent-encoding).</li>
 * </ul>
 *
 * and {@link #sign}: HMAC-SHA256 as lower-case hex for HMAC keys, Ed25519 as base64 for Ed25519 keys
 * (the JDK's {@code Ed25519} signature; the key a base64 seed or a PKCS#8 PEM private key, see
 * {@link Signer}).
 *
 * <pre>{@code
 * String query = ParameterSigning.restPayload(List.of(Map.entry("symbol", "BTCUSDT"),
 *         Map.entry("side", "BUY"), Map.entry("timestamp", "1499827319559")));
 * String url = base + "/api/v3/order?" + query + "&signature=" + ParameterSigning.sign(signer, query);
 *
 * Map<String, Object> params = new TreeMap<>(Map.of("symbol", "BTCUSDT", "apiKey", signer.apiKey(),
 *         "timestamp", 1645423376532L));
 * params.put("signature", ParameterSigning.sign(signer, ParameterSigning.webSocketPayload(params)));
 * }</pre>
 *
 * <p>Stateless and thread-safe. Signatures are secrets: they never go to a log or a message.
 */
public final class ParameterSigning {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private ParameterSigning() {
    }

    /**
     * The REST payload: the parameters in the order given, percent-encoded, joined with {@code &}.
     * Send this text as the query (or the form body) and sign it.
     *
     * @param params names and values in the order they are sent; a null value is left out
     * @return for example {@code symbol=LTCBTC&side=BUY&timestamp=1499827319559}
     */
    public static String restPayload(List<? extends Map.Entry<String, ?>> params) {
        Objects.requireNonNull(params, "params");
        StringBuilder b = new StringBuilder(params.size() * 24);
        for (Map.Entry<String, ?> p : params) {
            if (p.getValue() == null) {
                continue;
            }
            if (b.length() > 0) {
                b.append('&');
            }
            percentEncode(p.getKey(), b);
            b.append('=');
            percentEncode(String.valueOf(p.getValue()), b);
        }
        return b.toString();
    }

    /**
     * The REST payload of a request that has both a query string and a body: Binance signs the two
     * concatenated without a separator ({@code totalParams}).
     *
     * @param query the percent-encoded query string as sent, may be empty
     * @param body the percent-encoded body as sent, may be empty
     * @return the text to sign
     */
    public static String restPayload(String query, String body) {
        return (query == null ? "" : query) + (body == null ? "" : body);
    }

    /**
     * The WebSocket API payload: every parameter but {@code signature}, sorted by name,
     * {@code name=value} joined with {@code &}, values as their text (no percent-encoding).
     *
     * @param params the request's parameters (the API key and timestamp included); null values are
     *        left out
     * @return the text to sign
     */
    public static String webSocketPayload(Map<String, ?> params) {
        Objects.requireNonNull(params, "params");
        Map<String, ?> sorted = params instanceof TreeMap<String, ?> t && t.comparator() == null ? params
                : new TreeMap<>(params);
        StringBuilder b = new StringBuilder(sorted.size() * 24);
        for (Map.Entry<String, ?> p : sorted.entrySet()) {
            if (p.getValue() == null || p.getKey().equals("signature")) {
                continue;
            }
            if (b.length() > 0) {
                b.append('&');
            }
            b.append(p.getKey()).append('=').append(p.getValue());
        }
        return b.toString();
    }

    /**
     * Signs a payload the way the key type asks: HMAC-SHA256 in lower-case hex, or Ed25519 in base64.
     *
     * @param signer the account's signer
     * @param payload the text from {@link #restPayload} or {@link #webSocketPayload}
     * @return the signature
     * @throws IllegalStateException for an RSA key (not supported) or a wiped signer
     */
    public static String sign(Signer signer, String payload) {
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(payload, "payload");
        return switch (signer.keyType()) {
            case HMAC -> signer.hmacHex("HmacSHA256", payload);
            case ED25519 -> signer.ed25519Base64(payload);
            case RSA -> throw new IllegalStateException("RSA keys are not supported; register an HMAC or an Ed25519 key");
        };
    }

    /**
     * Whether a key type can sign a WebSocket API {@code session.logon} (Binance accepts only
     * Ed25519 keys there; HMAC keys sign every request instead).
     *
     * @param type the key type
     * @return true for Ed25519
     */
    public static boolean canLogOn(KeyType type) {
        return type == KeyType.ED25519;
    }

    /**
     * Percent-encodes text (RFC 3986 unreserved characters stay, every other UTF-8 byte becomes
     * {@code %XX}).
     *
     * @param text the text
     * @return the encoded text
     */
    public static String percentEncode(String text) {
        StringBuilder b = new StringBuilder(text.length() + 8);
        percentEncode(text, b);
        return b.toString();
    }

    private static void percentEncode(String text, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80 && unreserved(c)) {
                out.append(c);
                continue;
            }
            int end = i + 1;
            if (Character.isHighSurrogate(c) && end < text.length()) {
                end++;
            }
            for (byte by : text.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                out.append('%').append(HEX[(by >> 4) & 0xF]).append(HEX[by & 0xF]);
            }
            i = end - 1;
        }
    }

    private static boolean unreserved(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                || c == '.' || c == '~';
    }
}
