package org.tradebench.connector.bitfinex.internal.protocol;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.google.gson.stream.JsonWriter;

/**
 * Authentication for the Bitfinex WebSocket: {@code authSig = hex(HMAC-SHA384(secret, "AUTH" + nonce))}
 * and the {@code auth} message that carries it.
 *
 * <pre>{@code
 * long nonce = nonces.next();
 * String message = BitfinexAuth.authMessage(credentials, nonce, 4);
 * // {"event":"auth","apiKey":"...","authSig":"9c3e...","authNonce":1737972930123456,
 * //  "authPayload":"AUTH1737972930123456","dms":4}
 * socket.send(message);
 * }</pre>
 *
 * <p>{@code dms: 4} turns on the dead-man switch: the exchange cancels all orders when this socket
 * closes. Stateless and thread-safe. Nothing here logs, and no exception message contains the
 * secret.
 */
public final class BitfinexAuth {

    /** The dead-man-switch value that cancels all orders when the socket closes. */
    public static final int DEAD_MAN_SWITCH = 4;

    private static final String ALGORITHM = "HmacSHA384";

    private BitfinexAuth() {
    }

    /**
     * The auth payload for a nonce.
     *
     * @param nonce the nonce
     * @return {@code "AUTH" + nonce}
     */
    public static String payload(long nonce) {
        return "AUTH" + nonce;
    }

    /**
     * HMAC-SHA384 of a payload, as lower-case hex.
     *
     * @param secret the API secret
     * @param payload the text to sign (UTF-8)
     * @return 96 hex digits
     */
    public static String signature(BitfinexCredentials secret, String payload) {
        char[] chars = secret.secret();
        byte[] key = null;
        try {
            key = utf8(chars);
            return hmacSha384Hex(key, payload.getBytes(StandardCharsets.UTF_8));
        } finally {
            Arrays.fill(chars, '\0');
            if (key != null) {
                Arrays.fill(key, (byte) 0);
            }
        }
    }

    /**
     * HMAC-SHA384 as lower-case hex.
     *
     * @param key the key bytes
     * @param data the data
     * @return 96 hex digits
     */
    public static String hmacSha384Hex(byte[] key, byte[] data) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(data, "data");
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            // SecretKeySpec refuses an empty key; HMAC zero-pads keys to the block size, so one zero
            // byte is the same key.
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, ALGORITHM));
            return HexFormat.of().formatHex(mac.doFinal(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA384 is not available in this Java runtime", e);
        }
    }

    /**
     * The {@code auth} message.
     *
     * @param credentials key and secret
     * @param nonce a nonce from {@link BitfinexNonceSource}, greater than any used before with this key
     * @param deadManSwitch {@link #DEAD_MAN_SWITCH} to have orders cancelled when the socket closes,
     *        or 0 to leave {@code dms} out
     * @return the JSON text, fields in the order {@code event, apiKey, authSig, authNonce,
     *         authPayload, dms}
     */
    public static String authMessage(BitfinexCredentials credentials, long nonce, int deadManSwitch) {
        if (nonce <= 0 || nonce > BitfinexNonceSource.MAX_NONCE) {
            throw new IllegalArgumentException("nonce must be 1..2^53-1, was " + nonce);
        }
        String payload = payload(nonce);
        StringWriter out = new StringWriter();
        try (JsonWriter json = new JsonWriter(out)) {
            json.setHtmlSafe(false);
            json.beginObject();
            json.name("event").value("auth");
            json.name("apiKey").value(credentials.apiKey());
            json.name("authSig").value(signature(credentials, payload));
            json.name("authNonce").value(nonce);
            json.name("authPayload").value(payload);
            if (deadManSwitch != 0) {
                json.name("dms").value(deadManSwitch);
            }
            json.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    private static byte[] utf8(char[] chars) {
        ByteBuffer buffer = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        if (buffer.hasArray()) {
            Arrays.fill(buffer.array(), (byte) 0);
        }
        return bytes;
    }
}
