package org.tradebench.ui.accounts.internal;

import java.util.Arrays;
import java.util.Base64;

import org.tradebench.api.credentials.KeyType;

/**
 * Checks the shape of a typed secret against its key type before it is stored, and puts a pasted
 * PEM back into lines: an Ed25519 key is a base64 32-byte seed or a PKCS#8 PEM
 * ({@code -----BEGIN PRIVATE KEY-----}) holding an Ed25519 key; an RSA key is a PKCS#8 PEM holding an
 * RSA key; an HMAC secret is any text (but a PEM typed as one is a mistake worth naming).
 *
 * <pre>{@code
 * String problem = PrivateKeyText.problem(KeyType.ED25519, typed);   // null when it fits
 * char[] canonical = PrivateKeyText.normalized(KeyType.ED25519, typed); // caller wipes both
 * }</pre>
 *
 * <p>Works on {@code char[]} and wipes every intermediate copy (the decoded key included): the key
 * never becomes a {@code String}. Messages say what is wrong with the shape (a length, a missing
 * line), never any part of the key. Stateless; any thread.
 */
final class PrivateKeyText {

    /** The PEM label of a PKCS#8 private key. */
    static final String PKCS8 = "PRIVATE KEY";

    private static final char[] BEGIN = "-----BEGIN ".toCharArray();
    private static final char[] END = "-----END ".toCharArray();
    private static final char[] DASHES = "-----".toCharArray();
    private static final int SEED_BYTES = 32;
    private static final int PEM_LINE = 64;

    // the DER of each algorithm's object identifier, as it appears in a PKCS#8 AlgorithmIdentifier
    private static final byte[] ED25519_OID = { 0x06, 0x03, 0x2B, 0x65, 0x70 };
    private static final byte[] RSA_OID = { 0x06, 0x09, 0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D,
            0x01, 0x01, 0x01 };

    private PrivateKeyText() {
    }

    /**
     * What is wrong with a secret for a key type.
     *
     * @param type the key type chosen
     * @param secret the typed secret, not empty
     * @return a sentence for people, or null when the secret has the shape the type needs
     */
    static String problem(KeyType type, char[] secret) {
        Pem pem = Pem.find(secret);
        return switch (type) {
            case HMAC -> pem != null ? "This is a private key (PEM), not an HMAC secret: choose its key type." : null;
            case ED25519 -> pem != null ? pemProblem(pem, secret, ED25519_OID, "Ed25519") : seedProblem(secret);
            case RSA -> pem != null ? pemProblem(pem, secret, RSA_OID, "RSA")
                    : "An RSA private key is a PEM starting with -----BEGIN PRIVATE KEY-----.";
        };
    }

    /**
     * The secret as it is stored: a PEM rebuilt with its line breaks (a single-line field may drop
     * them) and the surrounding blanks of a seed removed; an HMAC secret exactly as typed.
     *
     * @param type the key type
     * @param secret the typed secret, with no {@link #problem}
     * @return a new array; the caller wipes it
     */
    static char[] normalized(KeyType type, char[] secret) {
        if (type == KeyType.HMAC) {
            return secret.clone();
        }
        Pem pem = Pem.find(secret);
        if (pem == null) {
            int from = 0;
            int to = secret.length;
            while (from < to && Character.isWhitespace(secret[from])) {
                from++;
            }
            while (to > from && Character.isWhitespace(secret[to - 1])) {
                to--;
            }
            return Arrays.copyOfRange(secret, from, to);
        }
        char[] body = pem.body(secret);
        try {
            String label = pem.label(secret);
            int lines = (body.length + PEM_LINE - 1) / PEM_LINE;
            int length = BEGIN.length + label.length() + DASHES.length + 1 + body.length + lines + END.length
                    + label.length() + DASHES.length + 1;
            char[] out = new char[length];
            int at = put(out, 0, BEGIN);
            at = put(out, at, label.toCharArray());
            at = put(out, at, DASHES);
            out[at++] = '\n';
            for (int i = 0; i < body.length; i += PEM_LINE) {
                int n = Math.min(PEM_LINE, body.length - i);
                System.arraycopy(body, i, out, at, n);
                at += n;
                out[at++] = '\n';
            }
            at = put(out, at, END);
            at = put(out, at, label.toCharArray());
            at = put(out, at, DASHES);
            out[at] = '\n';
            return out;
        } finally {
            Arrays.fill(body, '\0');
        }
    }

    private static int put(char[] out, int at, char[] chars) {
        System.arraycopy(chars, 0, out, at, chars.length);
        return at + chars.length;
    }

    private static String seedProblem(char[] secret) {
        char[] text = normalized(KeyType.ED25519, secret);
        byte[] der = null;
        try {
            der = decode(text);
            if (der == null) {
                return "An Ed25519 private key is a base64 32-byte seed or a PEM starting with -----BEGIN PRIVATE KEY-----;"
                        + " this is neither.";
            }
            if (der.length != SEED_BYTES) {
                return "An Ed25519 seed is 32 bytes in base64 (44 characters); this one decodes to " + der.length
                        + " bytes.";
            }
            return null;
        } finally {
            Arrays.fill(text, '\0');
            if (der != null) {
                Arrays.fill(der, (byte) 0);
            }
        }
    }

    private static String pemProblem(Pem pem, char[] secret, byte[] oid, String algorithm) {
        if (pem.end < 0) {
            return "The PEM has no -----END line: paste the whole key.";
        }
        String label = pem.label(secret);
        if (!label.equals(PKCS8)) {
            return switch (label) {
                case "ENCRYPTED PRIVATE KEY" -> "The private key is encrypted: export it without a password"
                        + " (-----BEGIN PRIVATE KEY-----).";
                case "RSA PRIVATE KEY" -> "This is a PKCS#1 RSA key: convert it to PKCS#8 (openssl pkcs8 -topk8"
                        + " -nocrypt) so it starts with -----BEGIN PRIVATE KEY-----.";
                case "OPENSSH PRIVATE KEY" -> "OpenSSH keys are not supported: export the key as PKCS#8"
                        + " (-----BEGIN PRIVATE KEY-----).";
                // a label is named only when it looks like one: nothing else of the paste goes in a message
                default -> "A " + algorithm + " private key is a PEM starting with -----BEGIN PRIVATE KEY-----"
                        + (label.matches("[A-Z0-9 ]{1,40}") ? ", not -----BEGIN " + label + "-----." : ".");
            };
        }
        char[] body = pem.body(secret);
        byte[] der = null;
        try {
            der = decode(body);
            if (der == null || der.length == 0) {
                return "The PEM's content is not base64.";
            }
            if (indexOf(der, oid) < 0) {
                return "This PEM holds no " + algorithm + " key: check the key type.";
            }
            return null;
        } finally {
            Arrays.fill(body, '\0');
            if (der != null) {
                Arrays.fill(der, (byte) 0);
            }
        }
    }

    /** Base64 (standard alphabet) of ASCII characters, or null when it is not. */
    private static byte[] decode(char[] text) {
        byte[] ascii = new byte[text.length];
        try {
            for (int i = 0; i < text.length; i++) {
                if (text[i] > 0x7f) {
                    return null;
                }
                ascii[i] = (byte) text[i];
            }
            return Base64.getDecoder().decode(ascii);
        } catch (IllegalArgumentException notBase64) {
            return null;
        } finally {
            Arrays.fill(ascii, (byte) 0);
        }
    }

    private static int indexOf(byte[] data, byte[] part) {
        outer: for (int i = 0; i + part.length <= data.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (data[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int indexOf(char[] text, char[] part, int from) {
        outer: for (int i = Math.max(0, from); i + part.length <= text.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (text[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /**
     * Where the parts of a PEM are in the typed text: the label between {@code -----BEGIN } and
     * {@code -----}, the body up to {@code -----END } (or the end of the text when that line is
     * missing).
     */
    private record Pem(int labelStart, int labelEnd, int bodyStart, int end) {

        static Pem find(char[] text) {
            int begin = indexOf(text, BEGIN, 0);
            if (begin < 0) {
                return null;
            }
            int labelStart = begin + BEGIN.length;
            int labelEnd = indexOf(text, DASHES, labelStart);
            if (labelEnd < 0) {
                return new Pem(labelStart, labelStart, labelStart, -1);
            }
            int bodyStart = labelEnd + DASHES.length;
            return new Pem(labelStart, labelEnd, bodyStart, indexOf(text, END, bodyStart));
        }

        /** The label (not secret: {@code PRIVATE KEY}, {@code RSA PRIVATE KEY}, ...). */
        String label(char[] text) {
            return new String(text, labelStart, labelEnd - labelStart).strip();
        }

        /** The base64 body without blanks and line breaks; the caller wipes it. */
        char[] body(char[] text) {
            int to = end < 0 ? text.length : end;
            char[] body = new char[Math.max(0, to - bodyStart)];
            int n = 0;
            for (int i = bodyStart; i < to; i++) {
                if (!Character.isWhitespace(text[i])) {
                    body[n++] = text[i];
                }
            }
            char[] exact = Arrays.copyOf(body, n);
            Arrays.fill(body, '\0');
            return exact;
        }
    }
}
