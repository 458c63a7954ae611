package org.tradebench.connector.bitfinex.internal.rest;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import org.tradebench.connector.bitfinex.internal.BitfinexConfig;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexAuth;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexNonceSource;
import org.tradebench.connector.support.sign.Signer;
import org.tradebench.transport.HttpJsonClient;
import org.tradebench.transport.HttpResult;
import org.tradebench.transport.JettyTransport;
import org.tradebench.transport.RateLimiter;

/**
 * Bitfinex REST v2: the public endpoints the connector polls while its socket is down or uses for
 * candle history, and the authenticated read endpoints used to reconcile orders, positions and
 * wallets after a reconnect.
 *
 * <p>Every endpoint has its own {@link RateLimiter}, set below Bitfinex's published limits (10 to
 * 90 requests a minute per endpoint), so the exchange never has to refuse. Should it answer
 * {@code ["error",11010,"ratelimit: error"]} (HTTP 429) anyway, every REST call pauses for
 * {@link BitfinexConfig#restBlockedPause()} (Bitfinex blocks the IP for 60 s) and fails fast
 * meanwhile.
 *
 * <pre>{@code
 * BitfinexRest rest = new BitfinexRest(transport, config, nonces, signer);
 * rest.get("book/tBTCUSD/P0?len=25", true).thenAccept(r -> ...);          // a poll: skipped when over the limit
 * rest.authPost("auth/r/orders", "{}").thenAccept(r -> ...);             // signed with bfx-nonce/apikey/signature
 * }</pre>
 *
 * <p>Thread-safe. Futures complete on Jetty threads and never exceptionally. Nothing here logs
 * headers, bodies of authenticated calls or the secret.
 */
public final class BitfinexRest {

    private static final System.Logger LOG = System.getLogger(BitfinexRest.class.getName());

    private final BitfinexConfig config;
    private final BitfinexNonceSource nonces;
    private final Signer signer;
    private final HttpJsonClient polls;
    private final HttpJsonClient calls;
    private volatile long blockedUntilNanos = Long.MIN_VALUE;
    /** Authenticated requests wait here for the one in flight (see {@link #authPost}). */
    private final java.util.ArrayDeque<Runnable> authenticatedQueue = new java.util.ArrayDeque<>();
    private boolean authenticatedBusy;
    private volatile String blockedBy = "";

    /**
     * Creates the client.
     *
     * @param transport the connector's Jetty clients
     * @param config endpoints and the pause after a rate-limit answer
     * @param nonces the nonce source shared with the authenticated socket
     * @param signer the account's signer, or null without keys
     */
    public BitfinexRest(JettyTransport transport, BitfinexConfig config, BitfinexNonceSource nonces, Signer signer) {
        this.config = Objects.requireNonNull(config, "config");
        this.nonces = Objects.requireNonNull(nonces, "nonces");
        this.signer = signer;
        // Polls give up at once when over the limit (the next round asks again); one-off calls such
        // as candle history and reconciliation wait for their permit.
        this.polls = new HttpJsonClient(transport, Duration.ofSeconds(10), Duration.ofMillis(50));
        this.calls = new HttpJsonClient(transport, Duration.ofSeconds(10), Duration.ofSeconds(20));
        String pub = config.restPublic().getRawPath();
        String auth = config.restAuth().getRawPath();
        limit(pub + "platform/status", "GET /v2/platform/status", 15);
        limit(pub + "ticker/", "GET /v2/ticker", 30);
        limit(pub + "tickers", "GET /v2/tickers", 10);
        limit(pub + "trades/", "GET /v2/trades", 15);
        limit(pub + "book/", "GET /v2/book", 30);
        limit(pub + "candles/", "GET /v2/candles", 30);
        limit(pub + "conf/", "GET /v2/conf", 20);
        limit(auth + "auth/r/orders", "POST /v2/auth/r/orders", 45);
        limit(auth + "auth/r/positions", "POST /v2/auth/r/positions", 45);
        limit(auth + "auth/r/wallets", "POST /v2/auth/r/wallets", 45);
        limit(auth + "auth/r/trades", "POST /v2/auth/r/trades", 45);
        limit(auth + "auth/w/order", "POST /v2/auth/w/order", 60);
    }

    private void limit(String prefix, String name, int perMinute) {
        RateLimiter l = RateLimiter.of("Bitfinex " + name, perMinute, Duration.ofMinutes(1));
        polls.limit(prefix, l);
        calls.limit(prefix, l);
    }

    /**
     * A public GET.
     *
     * @param pathAndQuery below {@code /v2/}, for example {@code "ticker/tBTCUSD"}
     * @param poll true for a poll (dropped at once when over the limit), false for a call that may
     *        wait for its permit
     * @return the outcome
     */
    public CompletableFuture<HttpResult> get(String pathAndQuery, boolean poll) {
        URI uri = config.restPublic().resolve(pathAndQuery);
        HttpResult paused = paused("GET", uri);
        if (paused != null) {
            return CompletableFuture.completedFuture(paused);
        }
        return (poll ? polls : calls).get(uri).thenApply(this::watch);
    }

    /**
     * An authenticated POST: {@code bfx-signature} is hex HMAC-SHA384 of
     * {@code "/api/v2/" + path + nonce + body}.
     *
     * @param path below {@code /v2/}, for example {@code "auth/r/orders"}
     * @param body the JSON body
     * @return the outcome; a failure when no keys are configured
     */
    public CompletableFuture<HttpResult> authPost(String path, String body) {
        URI uri = config.restAuth().resolve(path);
        if (signer == null) {
            return CompletableFuture.completedFuture(new HttpResult.Failure("POST", HttpResult.redact(uri),
                    HttpResult.Kind.ABORTED, 0, "", "not sent: no Bitfinex API key configured", Duration.ZERO));
        }
        CompletableFuture<HttpResult> result = new CompletableFuture<>();
        Runnable send = () -> {
            HttpResult paused = paused("POST", uri);
            if (paused != null) {
                result.complete(paused);
                sendNextAuthenticated();
                return;
            }
            // The nonce is taken when the request leaves, one request at a time: Bitfinex refuses a
            // nonce not above every nonce it saw for the key, and two requests in flight can arrive
            // in either order.
            String nonce = Long.toString(nonces.next());
            String signed = "/api" + uri.getRawPath() + nonce + body;
            Map<String, String> headers = Map.of("bfx-nonce", nonce, "bfx-apikey", signer.apiKey(), "bfx-signature",
                    BitfinexAuth.signature(signer, signed));
            calls.post(uri, body, headers).thenApply(this::watch).whenComplete((r, e) -> {
                result.complete(r != null ? r : new HttpResult.Failure("POST", HttpResult.redact(uri), HttpResult.Kind.ABORTED,
                        0, "", "failed: " + e, Duration.ZERO));
                sendNextAuthenticated();
            });
        };
        synchronized (authenticatedQueue) {
            if (authenticatedBusy) {
                authenticatedQueue.add(send);
                return result;
            }
            authenticatedBusy = true;
        }
        send.run();
        return result;
    }

    private void sendNextAuthenticated() {
        Runnable next;
        synchronized (authenticatedQueue) {
            next = authenticatedQueue.poll();
            if (next == null) {
                authenticatedBusy = false;
                return;
            }
        }
        next.run();
    }

    /**
     * The path of a candle history request.
     *
     * @param key for example {@code trade:1m:tBTCUSD}
     * @param limit how many candles
     * @param sortAscending true for oldest first
     * @return the path and query
     */
    public static String candlesPath(String key, int limit, boolean sortAscending) {
        return "candles/" + URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%3A", ":") + "/hist?limit="
                + limit + (sortAscending ? "&sort=1" : "");
    }

    /**
     * Whether authenticated calls can be made: keys are configured and REST is not paused.
     *
     * @return true when a signed call would be sent now
     */
    public boolean canSign() {
        return signer != null && pausedBecause() == null;
    }

    /**
     * Whether REST is paused after a rate-limit answer.
     *
     * @return the reason, or null when REST may be used
     */
    public String pausedBecause() {
        return System.nanoTime() < blockedUntilNanos ? blockedBy : null;
    }

    private HttpResult paused(String method, URI uri) {
        String why = pausedBecause();
        if (why == null) {
            return null;
        }
        return new HttpResult.Failure(method, uri.toString(), HttpResult.Kind.RATE_LIMITED_LOCALLY, 0, "",
                "not sent: REST paused after Bitfinex answered " + why, Duration.ZERO);
    }

    private HttpResult watch(HttpResult r) {
        if (r instanceof HttpResult.Failure f && (f.status() == 429 || f.body().contains("11010")
                || f.body().contains("ERR_RATE_LIMIT"))) {
            blockedUntilNanos = System.nanoTime() + config.restBlockedPause().toNanos();
            blockedBy = "\"rate limit\" (" + f.status() + ")";
            LOG.log(Level.WARNING, "Bitfinex REST rate limit hit on " + f.url() + "; pausing REST for "
                    + config.restBlockedPause().toMillis() + " ms");
        }
        return r;
    }
}
