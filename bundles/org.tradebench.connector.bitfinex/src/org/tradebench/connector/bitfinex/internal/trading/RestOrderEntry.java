package org.tradebench.connector.bitfinex.internal.trading;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.tradebench.connector.bitfinex.internal.protocol.BitfinexNotification;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexProtocolException;
import org.tradebench.connector.bitfinex.internal.rest.BitfinexRest;
import org.tradebench.connector.bitfinex.internal.rest.RestPayloads;
import org.tradebench.transport.HttpResult;

/**
 * Order entry over REST, the fallback while the authenticated socket is down:
 * {@code POST /v2/auth/w/order/submit}, {@code /order/cancel} and {@code /order/update} take the
 * same JSON objects as the socket's {@code on}, {@code oc} and {@code ou} inputs and answer with a
 * notification {@code [MTS,TYPE,MESSAGE_ID,null,DATA,CODE,STATUS,TEXT]} (submit: DATA is an array
 * of orders), or with an error body {@code ["error",CODE,"TEXT"]}.
 *
 * <pre>{@code
 * RestOrderEntry restEntry = new RestOrderEntry(rest, new RestPayloads());
 * if (restEntry.usable()) {
 *     restEntry.submit(payloadJson).thenAccept(reply -> ...);   // reply.notification() or reply.rejection()
 * }
 * }</pre>
 *
 * <p>Thread-safe; futures complete on Jetty threads and never exceptionally.
 */
final class RestOrderEntry {

    /**
     * What Bitfinex answered.
     *
     * @param notification the notification (SUCCESS, or ERROR with its text), or null
     * @param code the error code of an error body, or null
     * @param problem why there is no notification ("Bitfinex refused ...", "no answer ..."), or
     *        null with a notification
     * @param known whether the outcome is known: answered (a notification or an error body) or
     *        certainly not sent (rate limited locally, no keys); false when the request may have
     *        reached Bitfinex without an answer coming back (timeout, connection failure)
     */
    record Reply(BitfinexNotification notification, String code, String problem, boolean known) {

        boolean ok() {
            return notification != null && !notification.isFailure();
        }
    }

    private static final Pattern ERROR_BODY = Pattern.compile("^\\[\\s*\"error\"\\s*,\\s*(-?\\d+)\\s*,\\s*\"(.*)\"\\s*\\]$",
            Pattern.DOTALL);

    private final BitfinexRest rest;
    private final RestPayloads payloads;

    RestOrderEntry(BitfinexRest rest, RestPayloads payloads) {
        this.rest = Objects.requireNonNull(rest, "rest");
        this.payloads = Objects.requireNonNull(payloads, "payloads");
    }

    /** Whether REST order entry can be used now (keys configured, REST not paused by a rate limit). */
    boolean usable() {
        return rest.canSign();
    }

    /** {@code POST /v2/auth/w/order/submit} with the {@code on} payload. */
    CompletableFuture<Reply> submit(String payload) {
        return call("auth/w/order/submit", payload);
    }

    /** {@code POST /v2/auth/w/order/cancel} with {@code {"id":ID}} or {@code {"cid":CID,"cid_date":"DATE"}}. */
    CompletableFuture<Reply> cancel(String payload) {
        return call("auth/w/order/cancel", payload);
    }

    /** {@code POST /v2/auth/w/order/update} with the {@code ou} payload. */
    CompletableFuture<Reply> update(String payload) {
        return call("auth/w/order/update", payload);
    }

    private CompletableFuture<Reply> call(String path, String payload) {
        return rest.authPost(path, payload).thenApply(r -> reply(payloads, r));
    }

    /** Reads an answer (the decoder is not thread-safe: synchronised on it). */
    static Reply reply(RestPayloads payloads, HttpResult r) {
        if (r instanceof HttpResult.Success ok) {
            try {
                synchronized (payloads) {
                    return new Reply(payloads.notification(ok.body()), null, null, true);
                }
            } catch (BitfinexProtocolException e) {
                return new Reply(null, null, "Bitfinex's answer could not be read: " + e.getMessage(), true);
            }
        }
        HttpResult.Failure f = (HttpResult.Failure) r;
        Matcher m = ERROR_BODY.matcher(f.body().strip());
        if (m.matches()) {
            return new Reply(null, m.group(1), "Bitfinex refused the request: " + m.group(2) + " (code " + m.group(1)
                    + ")", true);
        }
        boolean notSent = f.kind() == HttpResult.Kind.RATE_LIMITED_LOCALLY
                || f.status() == 0 && f.message().startsWith("not sent");
        return new Reply(null, null, "no answer from Bitfinex's REST order entry: " + f.describe(), notSent);
    }
}
