package org.tradebench.transport;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that decides what of an address, a header or a frame may appear in a log or a
 * message. Every connector logs through these rules, so a credential never reaches a log file, an
 * error dialog or a test report.
 *
 * <pre>{@code
 * Redaction.uri(URI.create("wss://stream.binance.com:9443/ws/pqia91ma19a5s61cv6a81va65sdf19v8a65a1a5s61cv6a81va65sdf19v8"), false)
 *         // "wss://stream.binance.com:9443/ws/***"   (a token-like path segment)
 * Redaction.uri(URI.create("wss://api.bitfinex.com/ws/2"), true)
 *         // "wss://api.bitfinex.com/***"             (secret-bearing: nothing past host and port)
 * Redaction.headers(Map.of("Authorization", "Bearer abc", "User-Agent", "tradebench"))
 *         // "{Authorization=***, User-Agent=tradebench}"
 * Redaction.frame("{\"event\":\"auth\",\"apiKey\":\"abc\",\"authSig\":\"def\",\"authNonce\":1}")
 *         // "{\"event\":\"auth\",\"apiKey\":\"***\",\"authSig\":\"***\",\"authNonce\":\"***\"}"
 * }</pre>
 *
 * <p>The rules:
 * <ul>
 * <li><b>Secret names</b>: a query parameter, header or JSON field whose name contains {@code key},
 * {@code sig}, {@code secret}, {@code token}, {@code pass} or {@code auth} (ignoring case), which
 * covers {@code apiKey}, {@code authSig}, {@code authPayload}, {@code signature},
 * {@code listenKey}, {@code X-MBX-APIKEY}, {@code Authorization} and {@code bfx-signature}.</li>
 * <li><b>Addresses</b> ({@link #uri}): never the user info. A <em>secret-bearing</em> address
 * (one whose owner said it may carry a credential: {@link WebSocketOptions#withAuthenticated()})
 * shows only scheme, host and port; the path and query become {@code ***}. Any other address keeps
 * its path, but a path segment that looks like a token (16 or more characters of the Base64,
 * Base64url, hex or JWT alphabet: letters, digits, {@code - _ . ~ + = %}) becomes {@code ***}, and so
 * does the value of a query parameter with a secret name or a token-like value.</li>
 * <li><b>Headers</b> ({@link #headers}): names are shown; values only for
 * {@link #SHOWN_HEADERS}, every other value is {@code ***}.</li>
 * <li><b>Frames</b> ({@link #frame}): the value of every JSON field with a secret name becomes
 * {@code "***"} (strings, numbers and literals alike; objects and arrays are left as they are,
 * their own fields are checked). A frame is redacted before it is cut to an excerpt, so a cut
 * never leaves half a secret behind.</li>
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class Redaction {

    /** What replaces a redacted value: {@value}. */
    public static final String MASK = "***";

    /** Headers whose values are shown (lower case): they never carry a credential. */
    public static final Set<String> SHOWN_HEADERS = Set.of("user-agent", "origin", "accept", "accept-language",
            "accept-encoding", "content-type", "cache-control", "pragma", "sec-websocket-protocol",
            "sec-websocket-extensions", "sec-websocket-version");

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~+=%-]{16,}");
    // "name" : value, where value is a string (with escapes) or a scalar up to , } ] or whitespace
    private static final Pattern JSON_FIELD = Pattern
            .compile("\"((?:[^\"\\\\]|\\\\.)*)\"(\\s*:\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"?|[^\\s,}\\]\\[{\"]+)");

    private Redaction() {
    }

    /**
     * Whether a query parameter, header or JSON field name marks a credential.
     *
     * @param name the name
     * @return true when it contains {@code key}, {@code sig}, {@code secret}, {@code token},
     *         {@code pass} or {@code auth}, ignoring case
     */
    public static boolean isSecretName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.contains("key") || n.contains("sig") || n.contains("secret") || n.contains("token")
                || n.contains("pass") || n.contains("auth");
    }

    /**
     * Whether a path segment or query value looks like a token: 16 or more characters, all of the
     * Base64, Base64url, hex or JWT alphabet.
     *
     * @param text the text
     * @return true for a token-like text
     */
    public static boolean isTokenLike(String text) {
        return TOKEN.matcher(text).matches();
    }

    /**
     * An address fit for logs (see the class comment for the rules).
     *
     * @param uri the address
     * @param secretBearing true when the path or query may carry a credential: only scheme, host
     *        and port are shown
     * @return for example {@code wss://api.bitfinex.com/***}
     */
    public static String uri(URI uri, boolean secretBearing) {
        Objects.requireNonNull(uri, "uri");
        StringBuilder b = new StringBuilder();
        if (uri.getScheme() != null) {
            b.append(uri.getScheme()).append("://");
        }
        if (uri.getHost() != null) {
            b.append(uri.getHost());
            if (uri.getPort() >= 0) {
                b.append(':').append(uri.getPort());
            }
        } else if (uri.getRawAuthority() == null && uri.getRawSchemeSpecificPart() != null && uri.isOpaque()) {
            return b.append(MASK).toString();
        }
        String path = uri.getRawPath();
        String query = uri.getRawQuery();
        if (secretBearing) {
            if (path != null && !path.isEmpty() && !path.equals("/")) {
                b.append('/').append(MASK);
            } else if (path != null) {
                b.append(path);
            }
            if (query != null) {
                b.append('?').append(MASK);
            }
            return b.toString();
        }
        if (path != null) {
            String[] segments = path.split("/", -1);
            for (int i = 0; i < segments.length; i++) {
                if (i > 0) {
                    b.append('/');
                }
                b.append(isTokenLike(segments[i]) ? MASK : segments[i]);
            }
        }
        if (query != null && !query.isEmpty()) {
            b.append('?');
            String[] parts = query.split("&", -1);
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) {
                    b.append('&');
                }
                String part = parts[i];
                int eq = part.indexOf('=');
                if (eq < 0) {
                    b.append(isTokenLike(part) ? MASK : part);
                    continue;
                }
                String name = part.substring(0, eq);
                String value = part.substring(eq + 1);
                b.append(name).append('=').append(isSecretName(name) || isTokenLike(value) ? MASK : value);
            }
        }
        return b.toString();
    }

    /**
     * Headers fit for logs: names in order, values only for {@link #SHOWN_HEADERS}.
     *
     * @param headers the headers
     * @return for example {@code {Authorization=***, User-Agent=tradebench}}
     */
    public static String headers(Map<String, String> headers) {
        Map<String, String> shown = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, value) -> shown.put(name,
                SHOWN_HEADERS.contains(name.toLowerCase(Locale.ROOT)) ? value : MASK));
        return shown.toString();
    }

    /**
     * A frame (JSON text) with the value of every field with a {@linkplain #isSecretName secret name}
     * replaced by {@code "***"}.
     *
     * @param text the frame
     * @return the redacted frame
     */
    public static String frame(CharSequence text) {
        Matcher m = JSON_FIELD.matcher(text);
        StringBuilder out = null;
        int last = 0;
        while (m.find()) {
            if (!isSecretName(unescape(m.group(1)))) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, last, m.start(3)).append('"').append(MASK).append('"');
            last = m.end(3);
        }
        if (out == null) {
            return text.toString();
        }
        return out.append(text, last, text.length()).toString();
    }

    /**
     * The start of a frame for a log line, redacted as {@link #frame} before it is cut.
     *
     * @param buffer the bytes (UTF-8)
     * @param offset the frame's first byte
     * @param length its length
     * @param max the most characters shown
     * @return at most {@code max} characters, with {@code …} when cut
     */
    public static String frameExcerpt(byte[] buffer, int offset, int length, int max) {
        String redacted = frame(new String(buffer, offset, length, StandardCharsets.UTF_8));
        return redacted.length() <= max ? redacted : redacted.substring(0, max) + "\u2026";
    }

    private static String unescape(String jsonName) {
        return jsonName.indexOf('\\') < 0 ? jsonName : jsonName.replace("\\", "");
    }
}
