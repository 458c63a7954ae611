package org.tradebench.transport;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of one {@link HttpJsonClient} request: a {@link Success} (2xx, with the body) or a
 * {@link Failure} that says what went wrong and where, in words a person can act on. Futures of
 * {@code HttpJsonClient} never fail; they complete with one of these.
 *
 * <pre>{@code
 * switch (client.get(uri).join()) {
 *     case HttpResult.Success ok -> decode(ok.body());
 *     case HttpResult.Failure f when f.status() == 429 -> backOff();
 *     case HttpResult.Failure f -> health.degraded(f.describe());
 *         // "GET http://127.0.0.1:41234/v2/book/tBTCUSD/P0?len=25 answered HTTP 429: [\"error\",11010,\"ratelimit: error\"]"
 * }
 * }</pre>
 *
 * <p>URLs in results are {@link #redact(URI) redacted}: query values whose names look like keys,
 * signatures or tokens are replaced by {@code ***}.
 */
public sealed interface HttpResult permits HttpResult.Success, HttpResult.Failure {

    /** Body excerpts in messages are cut to this many characters. */
    int EXCERPT = 300;

    /** The request method, {@code GET} or {@code POST}. */
    String method();

    /** The redacted URL. */
    String url();

    /** The HTTP status, or 0 when no response arrived. */
    int status();

    /** The response body, or {@code ""} when none arrived. */
    String body();

    /** How long the request took, from the send (after any rate-limit wait) to the outcome. */
    Duration elapsed();

    /**
     * Whether the request succeeded with a 2xx status.
     *
     * @return true for {@link Success}
     */
    default boolean isSuccess() {
        return this instanceof Success;
    }

    /**
     * A 2xx response.
     *
     * @param method the method
     * @param url the redacted URL
     * @param status the status, 200..299
     * @param body the body text
     * @param elapsed request duration
     */
    record Success(String method, String url, int status, String body, Duration elapsed) implements HttpResult {
        /** Validates. */
        public Success {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(elapsed, "elapsed");
        }
    }

    /** Why a request failed. */
    enum Kind {
        /** The server answered with a status other than 2xx; {@code status} and {@code body} say what. */
        HTTP_STATUS,
        /** No complete answer within the timeout. */
        TIMEOUT,
        /** No connection, or the connection broke (refused, reset, DNS). */
        CONNECTION,
        /** Our own rate limiter would have made the request wait longer than allowed; not sent. */
        RATE_LIMITED_LOCALLY,
        /** The client was closed or the request aborted. */
        ABORTED
    }

    /**
     * A failed request.
     *
     * @param method the method
     * @param url the redacted URL
     * @param kind what kind of failure
     * @param status the HTTP status, or 0 when none arrived
     * @param body the response body ({@code ""} when none), in full, for exchange error decoding
     * @param message the failure in words, without the body
     * @param elapsed request duration
     */
    record Failure(String method, String url, Kind kind, int status, String body, String message, Duration elapsed)
            implements HttpResult {

        /** Validates. */
        public Failure {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(elapsed, "elapsed");
        }

        /**
         * The failure as one line: method, URL, what happened and a body excerpt.
         *
         * @return for example {@code GET https://host/v2/ticker/tFOO answered HTTP 500: ["error",10020,"symbol: invalid"]}
         */
        public String describe() {
            String excerpt = excerpt(body);
            return method + " " + url + " " + message + (excerpt.isEmpty() ? "" : ": " + excerpt);
        }
    }

    /**
     * The start of a body on one line, for messages.
     *
     * @param body the body
     * @return at most {@value #EXCERPT} characters, whitespace runs collapsed, with {@code …} when cut
     */
    static String excerpt(String body) {
        String flat = body.strip().replaceAll("\\s+", " ");
        return flat.length() <= EXCERPT ? flat : flat.substring(0, EXCERPT) + "…";
    }

    /**
     * A URI fit for logs and messages, as {@link Redaction#uri(URI, boolean)} writes it: no user
     * info; query values whose names contain {@code key}, {@code sig}, {@code secret},
     * {@code token}, {@code pass} or {@code auth} (ignoring case), and token-like path segments and
     * values, replaced by {@code ***}.
     *
     * @param uri the URI
     * @return for example {@code https://api.example.com/v1/order?symbol=BTCUSDT&signature=***}
     */
    static String redact(URI uri) {
        return Redaction.uri(uri, false);
    }
}
