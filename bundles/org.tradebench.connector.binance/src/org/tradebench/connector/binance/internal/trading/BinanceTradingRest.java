package org.tradebench.connector.binance.internal.trading;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.tradebench.connector.binance.internal.BinanceMarket;
import org.tradebench.connector.support.limits.RateLimitTracker;
import org.tradebench.connector.support.sign.ParameterSigning;
import org.tradebench.connector.support.sign.Signer;
import org.tradebench.connector.support.time.ServerClock;
import org.tradebench.transport.HttpJsonClient;
import org.tradebench.transport.HttpResult;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Binance's signed REST: parameters in the order sent, {@code recvWindow} and {@code timestamp}
 * (the server's clock, {@link ServerClock}) appended, the percent-encoded query signed with
 * {@link ParameterSigning} and the signature appended; the API key in {@code X-MBX-APIKEY}. Weights
 * are counted and the answer's {@code X-MBX-USED-WEIGHT-1M} replaces the count; a 429 or 418 blocks
 * every request until its {@code Retry-After} ({@link RateLimitTracker}). A {@code -1021} answer
 * (timestamp outside the window) resamples the server time and says how far off the clock was.
 *
 * <p>Thread-safe; futures complete on the transport's threads. Signatures and the query they are in
 * never reach a message (addresses are redacted by the transport).
 */
public final class BinanceTradingRest {

    /** The weight limit's name in the tracker. */
    public static final String WEIGHT = "REQUEST_WEIGHT";
    /** The order count limit's name in the tracker. */
    public static final String ORDERS = "ORDERS";

    private static final List<String> KEEP = List.of("X-MBX-USED-WEIGHT-1M", "X-MBX-ORDER-COUNT-10S",
            "X-MBX-ORDER-COUNT-1M", "Retry-After");

    /**
     * An answer.
     *
     * @param status the HTTP status (0 when none came)
     * @param body the parsed body, or null
     * @param error Binance's {@code {"code","msg"}} of a refusal, or null
     * @param failure what went wrong without an answer from Binance (connection, timeout, rate
     *        limit), or null
     */
    public record Answer(int status, JsonElement body, JsonObject error, String failure) {
        /** Whether Binance accepted the request. */
        public boolean ok() {
            return error == null && failure == null && body != null;
        }

        /** Binance's error code, or 0. */
        public int code() {
            return error != null && error.has("code") ? error.get("code").getAsInt() : 0;
        }

        /** What went wrong, for a person: Binance's text and code, or the failure. */
        public String describe(String what) {
            return error != null ? OrderCodec.rejection(what, error) : failure != null ? failure : "";
        }
    }

    private final BinanceMarket market;
    private final URI base;
    private final HttpJsonClient http;
    private final Signer signer;
    private final ServerClock clock;
    private final RateLimitTracker limits;
    private final Duration recvWindow;
    private volatile String lastSkew;

    /**
     * Creates the client.
     *
     * @param market spot or USD-M
     * @param base scheme, host and port ({@code https://api.binance.com})
     * @param http the HTTP client
     * @param signer the keys
     * @param clock the server clock
     * @param limits weights and refusals
     * @param recvWindow Binance's {@code recvWindow}
     */
    public BinanceTradingRest(BinanceMarket market, URI base, HttpJsonClient http, Signer signer, ServerClock clock,
            RateLimitTracker limits, Duration recvWindow) {
        this.market = market;
        this.base = base;
        this.http = http;
        this.signer = signer;
        this.clock = clock;
        this.limits = limits;
        this.recvWindow = recvWindow;
    }

    /** The REST path of an endpoint: {@code order} → {@code /api/v3/order} or {@code /fapi/v1/order}. */
    public String path(String endpoint) {
        return market.restPrefix() + endpoint;
    }

    /**
     * A signed request.
     *
     * @param method GET, POST, PUT or DELETE
     * @param path the full path ({@code /api/v3/order})
     * @param params the parameters in the order sent (no timestamp, recvWindow or signature)
     * @param weight the request's weight
     * @return the answer; never fails
     */
    public CompletableFuture<Answer> signed(String method, String path, List<Map.Entry<String, Object>> params,
            int weight) {
        return call(method, path, params, weight, true);
    }

    /**
     * A request with the API key but no signature ({@code /fapi/v1/listenKey}).
     *
     * @param method POST, PUT or DELETE
     * @param path the full path
     * @param params the parameters
     * @return the answer; never fails
     */
    public CompletableFuture<Answer> keyed(String method, String path, List<Map.Entry<String, Object>> params) {
        return call(method, path, params, 1, false);
    }

    /**
     * Samples the server time ({@code GET /api/v3/time}, {@code /fapi/v1/time}).
     *
     * @return done when the sample is in
     */
    public CompletableFuture<Void> syncTime() {
        long sent = clock.localMillis();
        return http.get(URI.create(base + path("time"))).thenAccept(r -> {
            long received = clock.localMillis();
            if (r instanceof HttpResult.Success ok) {
                try {
                    JsonObject o = JsonParser.parseString(ok.body()).getAsJsonObject();
                    clock.sample(sent, o.get("serverTime").getAsLong(), received);
                } catch (RuntimeException e) {
                    // an unreadable time answer leaves the estimate as it was
                }
            }
        });
    }

    /** The sentence of the last -1021 (clock skew), or null. */
    public String lastSkew() {
        return lastSkew;
    }

    private CompletableFuture<Answer> call(String method, String path, List<Map.Entry<String, Object>> params,
            int weight, boolean sign) {
        long now = System.currentTimeMillis();
        if (limits.blockedUntil(now) != null) {
            return CompletableFuture.completedFuture(new Answer(0, null, null, "not sent: Binance "
                    + limits.describe(now, ZoneId.systemDefault())));
        }
        long wait = limits.delayMillis(WEIGHT, weight, now);
        if (wait > 0) {
            CompletableFuture<Answer> later = new CompletableFuture<>();
            CompletableFuture.delayedExecutor(wait, TimeUnit.MILLISECONDS)
                    .execute(() -> call(method, path, params, weight, sign).whenComplete((a, e) -> later.complete(a)));
            return later;
        }
        limits.spend(WEIGHT, weight, now);
        List<Map.Entry<String, Object>> all = new ArrayList<>(params);
        if (sign) {
            all.add(Map.entry("recvWindow", recvWindow.toMillis()));
            all.add(Map.entry("timestamp", clock.serverMillis()));
        }
        String query = ParameterSigning.restPayload(all);
        if (sign) {
            String sig = ParameterSigning.sign(signer, query);
            query = query + (query.isEmpty() ? "" : "&") + "signature=" + ParameterSigning.percentEncode(sig);
        }
        URI uri = URI.create(base + path + (query.isEmpty() ? "" : "?" + query));
        Map<String, String> kept = new ConcurrentHashMap<>();
        return http.exchange(method, uri, null, Map.of("X-MBX-APIKEY", signer.apiKey()), KEEP, kept)
                .thenApply(r -> answer(r, kept));
    }

    private Answer answer(HttpResult r, Map<String, String> headers) {
        long now = System.currentTimeMillis();
        String used = headers.get("X-MBX-USED-WEIGHT-1M");
        if (used != null) {
            try {
                limits.report(WEIGHT, Long.parseLong(used.trim()), now);
            } catch (NumberFormatException e) {
                // a malformed header leaves the local count
            }
        }
        String orders = headers.get("X-MBX-ORDER-COUNT-10S");
        if (orders != null) {
            try {
                limits.report(ORDERS, Long.parseLong(orders.trim()), now);
            } catch (NumberFormatException e) {
                // as above
            }
        }
        JsonElement body = null;
        try {
            body = r.body().isEmpty() ? null : JsonParser.parseString(r.body());
        } catch (RuntimeException e) {
            // not JSON: described below
        }
        if (r.status() == 429 || r.status() == 418) {
            long retry = -1;
            try {
                String h = headers.get("Retry-After");
                retry = h == null ? -1 : Long.parseLong(h.trim());
            } catch (NumberFormatException e) {
                retry = -1;
            }
            limits.refused(r.status(), retry, now);
        }
        if (r instanceof HttpResult.Success) {
            return new Answer(r.status(), body == null ? new JsonObject() : body, null, null);
        }
        HttpResult.Failure f = (HttpResult.Failure) r;
        if (body != null && body.isJsonObject() && body.getAsJsonObject().has("code")) {
            JsonObject error = body.getAsJsonObject();
            if (error.get("code").getAsInt() == -1021) {
                syncTime();
                lastSkew = clock.describeSkew(recvWindow);
                JsonObject withSkew = error.deepCopy();
                withSkew.addProperty("msg", OrderCodec.text(error, "msg") + "; " + lastSkew);
                return new Answer(r.status(), null, withSkew, null);
            }
            return new Answer(r.status(), null, error, null);
        }
        if (r.status() == 429 || r.status() == 418) {
            return new Answer(r.status(), null, null, "Binance " + limits.describe(now, ZoneId.systemDefault()));
        }
        return new Answer(r.status(), null, null, f.describe());
    }

    @Override
    public String toString() {
        return "BinanceTradingRest[" + market.id() + ", " + base + "]";
    }
}
