package org.tradebench.transport;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Credentials never travel unencrypted: a session that authenticates (signed REST calls, an
 * authenticating WebSocket, a token in the address) must use {@code wss://} or {@code https://},
 * except to a loopback address (a simulator or a local gateway on this machine), where plain
 * {@code ws://} and {@code http://} are allowed.
 *
 * <p>Loopback means the host, as written in the address, is {@code localhost}, an IPv4 literal in
 * {@code 127.0.0.0/8}, or the IPv6 literal {@code ::1}. Names are not resolved: a name that
 * resolves to a loopback address (other than {@code localhost}) still needs TLS, so a changed DNS
 * entry cannot turn the rule off.
 *
 * <pre>{@code
 * PlainTextRule.requireEncryptedUnlessLoopback(URI.create("ws://127.0.0.1:41234/ws/2"), "Bitfinex account");  // fine
 * PlainTextRule.requireEncryptedUnlessLoopback(URI.create("ws://api.bitfinex.com/ws/2"), "Bitfinex account");
 *     // IllegalArgumentException: Bitfinex account: refusing to send credentials over plain ws:// to
 *     // api.bitfinex.com; use wss:// (plain ws:// and http:// are allowed to loopback addresses only:
 *     // localhost, 127.0.0.0/8, ::1)
 * }</pre>
 *
 * <p>{@link WebSocketOptions} checks it for options marked {@link WebSocketOptions#withAuthenticated()
 * authenticated}, and {@link HttpJsonClient} for every request that carries a header or query
 * parameter with a {@linkplain Redaction#isSecretName secret name}, so every connector gets it.
 */
public final class PlainTextRule {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private PlainTextRule() {
    }

    /**
     * Whether a host, as written in an address, is a loopback address.
     *
     * @param host the host ({@code localhost}, {@code 127.0.0.1}, {@code [::1]}, ...), or null
     * @return true for {@code localhost}, {@code 127.0.0.0/8} and {@code ::1}
     */
    public static boolean isLoopback(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.equals("localhost")) {
            return true;
        }
        var v4 = IPV4.matcher(h);
        if (v4.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(v4.group(i)) > 255) {
                    return false;
                }
            }
            return Integer.parseInt(v4.group(1)) == 127;
        }
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.indexOf(':') >= 0 && h.matches("[0-9a-f:.]+")) {
            try {
                // an IPv6 literal: parsed, never looked up
                return InetAddress.getByName(h).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return false;
    }

    /**
     * Whether an address is encrypted ({@code wss}, {@code https}).
     *
     * @param uri the address
     * @return true for wss and https
     */
    public static boolean isEncrypted(URI uri) {
        String scheme = uri.getScheme();
        return "wss".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
    }

    /**
     * Whether credentials may be sent to an address.
     *
     * @param uri the address
     * @return true when it is encrypted or its host is loopback
     */
    public static boolean allowsCredentials(URI uri) {
        return isEncrypted(uri) || isLoopback(uri.getHost());
    }

    /**
     * Refuses an unencrypted address to a host that is not loopback.
     *
     * @param uri the address
     * @param what who sends, for the message (for example {@code "Bitfinex account"})
     * @throws IllegalArgumentException naming the scheme and host (never the path, query or user
     *         info, which may hold the credential)
     */
    public static void requireEncryptedUnlessLoopback(URI uri, String what) {
        Objects.requireNonNull(uri, "uri");
        if (!allowsCredentials(uri)) {
            throw new IllegalArgumentException(refusal(uri, what));
        }
    }

    /**
     * The refusal message for an address that {@link #allowsCredentials} refuses.
     *
     * @param uri the address
     * @param what who sends
     * @return the message
     */
    static String refusal(URI uri, String what) {
        String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
        String secure = scheme.startsWith("ws") ? "wss://" : "https://";
        return what + ": refusing to send credentials over plain " + scheme + ":// to " + uri.getHost() + "; use "
                + secure + " (plain ws:// and http:// are allowed to loopback addresses only: localhost, 127.0.0.0/8, ::1)";
    }
}
