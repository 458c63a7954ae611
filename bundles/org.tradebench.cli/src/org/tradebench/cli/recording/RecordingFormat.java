package org.tradebench.cli.recording;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The recording format {@code tradebench record} writes and {@code tradebench replay} reads
 * (docs/cli.md, "Recording format"). Version 2, gzip-compressed UTF-8 text:
 *
 * <pre>
 * # tradebench-recording v2 exchange=simulated market=spot
 * 1737972930001 market {"op":"welcome","version":2}
 * 1737972930125 market {"op":"book","symbol":"BTC/USD","bids":[["103950","1.5"]],"asks":[["103951","0.5"]]}
 * 1737972930200 account/b64 AAECAwQ=
 * </pre>
 *
 * <ul>
 * <li>The header names the version, the connector id and the market the decoder needs.</li>
 * <li>Then one frame per line: its receive time in epoch milliseconds, the connector's session
 * name (percent-encoded: bytes outside {@code A-Z a-z 0-9 - _ .} as {@code %XX}), and the frame
 * exactly as received. A frame that is not valid UTF-8 or holds a line break is written in Base64
 * (RFC 4648, padded) and its session gets the suffix {@code /b64}, so that every frame comes back
 * byte for byte.</li>
 * <li>Version 1 (no header, or {@code # tradebench-recording v1}) is {@code <epoch millis>
 * <frame>}, plain or gzip, every frame of the default session.</li>
 * <li>Other lines starting with {@code #} are comments; blank lines are skipped.</li>
 * </ul>
 *
 * <p>Stateless helpers; thread-safe.
 */
public final class RecordingFormat {

    /** What a header line starts with. */
    public static final String MAGIC = "# tradebench-recording";
    /** The version {@link RecordingWriter} writes. */
    public static final int VERSION = 2;
    /** The suffix of the session of a frame written in Base64. */
    public static final String BASE64_SUFFIX = "/b64";

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private RecordingFormat() {
    }

    /**
     * A recording's header.
     *
     * @param version 1 or 2
     * @param exchange the connector id, or null when the file does not say
     * @param market the market, or null when the file does not say
     */
    public record Header(int version, String exchange, String market) {

        /** Validates. */
        public Header {
            if (version < 1) {
                throw new IllegalArgumentException("recording version must be >= 1, was " + version);
            }
        }

        /**
         * The header line.
         *
         * @return for example {@code # tradebench-recording v2 exchange=simulated market=spot}
         */
        public String line() {
            return MAGIC + " v" + version + (exchange == null ? "" : " exchange=" + exchange)
                    + (market == null ? "" : " market=" + market);
        }
    }

    /**
     * Parses a header line.
     *
     * @param line a line
     * @return the header, or null when the line is not one
     * @throws IllegalArgumentException when it starts like a header but its version is not a number
     */
    public static Header parseHeader(String line) {
        if (!line.startsWith(MAGIC + " ")) {
            return null;
        }
        String[] words = line.substring(MAGIC.length()).trim().split("\\s+");
        if (words.length == 0 || !words[0].matches("v[0-9]{1,4}")) {
            throw new IllegalArgumentException("recording header without a version (expected '" + MAGIC + " v2 ...'): "
                    + line);
        }
        int version = Integer.parseInt(words[0].substring(1));
        String exchange = null;
        String market = null;
        for (int i = 1; i < words.length; i++) {
            // Unknown keys are for later versions of the header: ignored.
            if (words[i].startsWith("exchange=")) {
                exchange = nonEmpty(words[i].substring("exchange=".length()));
            } else if (words[i].startsWith("market=")) {
                market = nonEmpty(words[i].substring("market=".length()));
            }
        }
        return new Header(version, exchange, market);
    }

    /**
     * Encodes a session name for a recording line: bytes outside {@code A-Z a-z 0-9 - _ .} as
     * {@code %XX}.
     *
     * @param session the name
     * @return for example {@code market} or {@code usdm%20data}
     */
    public static String encodeSession(String session) {
        Objects.requireNonNull(session, "session");
        StringBuilder out = new StringBuilder(session.length() + 8);
        for (byte b : session.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '.') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX.toHexDigits((byte) c));
            }
        }
        return out.toString();
    }

    /**
     * Decodes a session name of a recording line.
     *
     * @param token the encoded name
     * @return the name
     * @throws IllegalArgumentException for a malformed {@code %} escape
     */
    public static String decodeSession(String token) {
        if (token.indexOf('%') < 0) {
            return token;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(token.length());
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '%') {
                if (i + 2 >= token.length() || !HexFormat.isHexDigit(token.charAt(i + 1))
                        || !HexFormat.isHexDigit(token.charAt(i + 2))) {
                    throw new IllegalArgumentException("bad escape in session name '" + token + "'");
                }
                bytes.write(HexFormat.fromHexDigits(token, i + 1, i + 3));
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8)); // hand-edited file
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String nonEmpty(String value) {
        return value.isEmpty() ? null : value;
    }
}
