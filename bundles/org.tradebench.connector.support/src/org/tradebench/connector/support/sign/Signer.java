package org.tradebench.connector.support.sign;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.tradebench.api.credentials.ApiCredentials;
import org.tradebench.api.credentials.KeyType;

/**
 * Signs requests with an account's {@link ApiCredentials}: HMAC (SHA-256, SHA-384, SHA-512) for
 * HMAC keys, Ed25519 for Ed25519 keys (a base64 32-byte seed or a PKCS#8 PEM private key). What is
 * signed (which fields, in which order, how encoded) is the exchange's protocol and stays in its
 * connector; how to sign lives here once.
 *
 * <pre>{@code
 * Signer signer = Signer.of(keys);                     // keeps its own copy of the secret
 * String sig = signer.hmacHex("HmacSHA384", "AUTH" + nonce);        // Bitfinex
 * String sig2 = signer.hmacHex("HmacSHA256", queryString);         // Binance REST, HMAC keys
 * String sig3 = signer.ed25519Base64(payload);                      // Binance/Backpack, Ed25519 keys
 * signer.wipe();                                       // when the connector closes
 * }</pre>
 *
 * <p>The secret never appears in a message, a log or {@link #toString()}. Thread-safe.
 */
public final class Signer {

    private final ApiCredentials credentials;
    // volatile: wipe() may run on another thread than the signing (the signer is thread-safe)
    private volatile PrivateKey ed25519;

    private Signer(ApiCredentials credentials) {
        this.credentials = credentials;
    }

    /**
     * A signer over a copy of the credentials (the caller may wipe its own).
     *
     * @param credentials the keys
     * @return the signer
     * @throws IllegalArgumentException when an Ed25519 or RSA key cannot be read (the message says
     *         why, never the key)
     */
    public static Signer of(ApiCredentials credentials) {
        Objects.requireNonNull(credentials, "credentials");
        char[] secret = credentials.secret();
        char[] passphrase = credentials.passphrase();
        try {
            Signer s = new Signer(new ApiCredentials(credentials.exchangeId(), credentials.accountLabel(),
                    credentials.keyType(), credentials.environment(), credentials.apiKey(), secret, passphrase));
            if (credentials.keyType() == KeyType.ED25519) {
                s.ed25519 = s.credentials.withSecret(Signer::ed25519Key);
            }
            return s;
        } finally {
            Arrays.fill(secret, '\0');
            Arrays.fill(passphrase, '\0');
        }
    }

    /**
     * The API key (the public part).
     *
     * @return the key
     */
    public String apiKey() {
        return credentials.apiKey();
    }

    /**
     * The key type.
     *
     * @return HMAC, ED25519 or RSA
     */
    public KeyType keyType() {
        return credentials.keyType();
    }

    /**
     * The credentials' exchange id.
     *
     * @return for example {@code "bitfinex"}
     */
    public String exchangeId() {
        return credentials.exchangeId();
    }

    /**
     * An HMAC of a UTF-8 payload, hex encoded (lower case).
     *
     * @param algorithm {@code HmacSHA256}, {@code HmacSHA384} or {@code HmacSHA512}
     * @param payload the payload
     * @return the signature
     * @throws IllegalStateException when this is not an HMAC key
     */
    public String hmacHex(String algorithm, String payload) {
        return HexFormat.of().formatHex(hmac(algorithm, payload));
    }

    /**
     * An HMAC of a UTF-8 payload, base64 encoded.
     *
     * @param algorithm {@code HmacSHA256}, {@code HmacSHA384} or {@code HmacSHA512}
     * @param payload the payload
     * @return the signature
     */
    public String hmacBase64(String algorithm, String payload) {
        return Base64.getEncoder().encodeToString(hmac(algorithm, payload));
    }

    /**
     * An Ed25519 signature of a UTF-8 payload, base64 encoded.
     *
     * @param payload the payload
     * @return the signature
     * @throws IllegalStateException when this is not an Ed25519 key, or after {@link #wipe()}
     */
    public String ed25519Base64(String payload) {
        if (keyType() != KeyType.ED25519) {
            throw new IllegalStateException("the " + credentials.exchangeId() + " key is " + keyType().wireName()
                    + ", not ed25519");
        }
        PrivateKey key = ed25519;
        if (key == null) {
            throw new IllegalStateException("the API secret of " + credentials.exchangeId() + " was wiped");
        }
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update(payload.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed: " + e.getClass().getSimpleName());
        }
    }

    private byte[] hmac(String algorithm, String payload) {
        if (keyType() != KeyType.HMAC) {
            throw new IllegalStateException("the " + credentials.exchangeId() + " key is " + keyType().wireName()
                    + ", not an HMAC secret");
        }
        Objects.requireNonNull(payload, "payload");
        return credentials.withSecret(secret -> {
            byte[] key = utf8(secret);
            try {
                return hmac(algorithm, key, payload.getBytes(StandardCharsets.UTF_8));
            } finally {
                Arrays.fill(key, (byte) 0);
            }
        });
    }

    /**
     * An HMAC over bytes with a byte key (the primitive the key-based methods use; for test vectors
     * whose keys are not text).
     *
     * @param algorithm {@code HmacSHA256}, {@code HmacSHA384} or {@code HmacSHA512}
     * @param key the key
     * @param data the data
     * @return the MAC
     */
    public static byte[] hmac(String algorithm, byte[] key, byte[] data) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(data, "data");
        try {
            Mac mac = Mac.getInstance(algorithm);
            // SecretKeySpec refuses an empty key; HMAC zero-pads keys to the block size, so one zero
            // byte is the same key.
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, algorithm));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is not available: " + e.getClass().getSimpleName());
        }
    }

    /** Overwrites the secret held. Signing fails afterwards. */
    public void wipe() {
        credentials.wipe();
        ed25519 = null;
    }

    private static byte[] utf8(char[] chars) {
        ByteBuffer b = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] out = new byte[b.remaining()];
        b.get(out);
        if (b.hasArray()) {
            Arrays.fill(b.array(), (byte) 0);
        }
        return out;
    }

    /** A base64 32-byte seed or a PKCS#8 PEM private key. */
    private static PrivateKey ed25519Key(char[] secret) {
        String text = new String(secret).trim();
        try {
            KeyFactory kf = KeyFactory.getInstance("Ed25519");
            if (text.startsWith("-----BEGIN")) {
                String body = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
                return kf.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
            }
            byte[] seed = Base64.getDecoder().decode(text);
            try {
                if (seed.length != 32) {
                    throw new IllegalArgumentException("an Ed25519 secret is a base64 32-byte seed or a PEM private key; "
                            + "this one decodes to " + seed.length + " bytes");
                }
                return kf.generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
            } finally {
                Arrays.fill(seed, (byte) 0);
            }
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("an Ed25519 secret")) {
                throw e;
            }
            throw new IllegalArgumentException("the Ed25519 secret is neither base64 nor a PEM private key");
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the Ed25519 private key cannot be read: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public String toString() {
        return "Signer[" + credentials.exchangeId() + ", " + keyType().wireName() + ", apiKey="
                + credentials.maskedApiKey() + ", secret=<redacted>]";
    }
}
