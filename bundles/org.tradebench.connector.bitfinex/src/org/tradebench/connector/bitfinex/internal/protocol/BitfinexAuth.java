package org.tradebench.connector.bitfinex.internal.protocol;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Objects;

import org.tradebench.connector.support.sign.Signer;

import com.google.gson.stream.JsonWriter;

/**
 * Bitfinex authentication: {@code authSig = hex(HMAC-SHA384(secret, "AUTH" + nonce))}, the nonce
 * strictly increasing and at most 2^53 - 1, optionally with the dead-man switch ({@code dms:4}).
 * The signing itself is the toolkit's {@link Signer}.
 *
 * <pre>{@code
 * String auth = BitfinexAuth.authMessage(signer, nonces.next(), BitfinexAuth.DEAD_MAN_SWITCH);
 * socket.send(auth);   // {"event":"auth","apiKey":"...","authSig":"...","authNonce":...,"authPayload":"AUTH...","dms":4}
 * }</pre>
 *
 * <p>Stateless and thread-safe. Nothing here logs or returns the secret.
 */
public final class BitfinexAuth {

    /** {@code dms} value that makes the exchange cancel every order when the socket closes. */
    public static final int DEAD_MAN_SWITCH = 4;

    /** The HMAC Bitfinex signs with. */
    public static final String ALGORITHM = "HmacSHA384";

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
     * The signature of a payload.
     *
     * @param signer the account's signer (an HMAC key)
     * @param payload the text to sign (UTF-8)
     * @return 96 hex digits
     */
    public static String signature(Signer signer, String payload) {
        return signer.hmacHex(ALGORITHM, payload);
    }

    /**
     * The {@code auth} message.
     *
     * @param signer key and secret
     * @param nonce a nonce from {@link BitfinexNonceSource}, greater than any used before with this key
     * @param deadManSwitch {@link #DEAD_MAN_SWITCH} to have orders cancelled when the socket closes,
     *        or 0 to leave {@code dms} out
     * @return the JSON text, fields in the order {@code event, apiKey, authSig, authNonce,
     *         authPayload, dms}
     */
    public static String authMessage(Signer signer, long nonce, int deadManSwitch) {
        Objects.requireNonNull(signer, "signer");
        if (nonce <= 0 || nonce > BitfinexNonceSource.MAX_NONCE) {
            throw new IllegalArgumentException("nonce must be 1..2^53-1, was " + nonce);
        }
        String payload = payload(nonce);
        StringWriter out = new StringWriter();
        try (JsonWriter json = new JsonWriter(out)) {
            json.setHtmlSafe(false);
            json.beginObject();
            json.name("event").value("auth");
            json.name("apiKey").value(signer.apiKey());
            json.name("authSig").value(signature(signer, payload));
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
}
