package org.tradebench.transport;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.http.HttpMethod;

/**
 * REST over Jetty's {@link org.eclipse.jetty.client.HttpClient}: GET and POST with a timeout,
 * returning the status and body text as an {@link HttpResult}; per-endpoint {@link RateLimiter}s
 * applied before sending, so the exchange never has to answer 429.
 *
 * <pre>{@code
 * HttpJsonClient rest = new HttpJsonClient(transport, Duration.ofSeconds(10))
 *         .limit("/v2/book/", RateLimiter.of("bitfinex book", 90, Duration.ofMinutes(1)))
 *         .limit("/v2/", RateLimiter.of("bitfinex public", 30, Duration.ofMinutes(1)));
 * HttpResult r = rest.get(base.resolve("v2/book/tBTCUSD/P0?len=25")).join();
 * HttpResult auth = rest.post(base.resolve("v2/auth/r/orders"), "{}",
 *         Map.of("bfx-nonce", nonce, "bfx-apikey", key, "bfx-signature", sig)).join();
 * }</pre>
 *
 * <p>The limiter of the longest matching path prefix applies (one per endpoint, or one for all).
 * A request whose permit would come later than {@code maxRateWait} is not sent and fails with
 * {@link HttpResult.Kind#RATE_LIMITED_LOCALLY}; otherwise it waits on the transport's timer, never
 * on the caller's thread.
 *
 * <p>A request that carries credentials (a header or query parameter with a
 * {@linkplain Redaction#isSecretName secret name}, such as {@code bfx-apikey}, {@code X-MBX-APIKEY},
 * {@code Authorization} or {@code signature}) is not sent over plain {@code http://} unless the host
 * is loopback ({@link PlainTextRule}): it fails with {@link HttpResult.Kind#ABORTED} and a message
 * naming the scheme and host.
 *
 * <p>Thread-safe. Headers and bodies are never logged (they carry keys and signatures).
 */
public final class HttpJsonClient {

    private static final int MAX_BODY_BYTES = 32 * 1024 * 1024;

    private final JettyTransport transport;
    private final Duration timeout;
    private final Duration maxRateWait;
    private final CopyOnWriteArrayList<Limit> limits = new CopyOnWriteArrayList<>();

    private record Limit(String prefix, RateLimiter limiter) {
    }

    /**
     * A client whose requests may wait up to {@code timeout} for a rate-limit permit.
     *
     * @param transport the connector's Jetty clients and timer
     * @param timeout the longest a request may take once sent, &gt; 0
     */
    public HttpJsonClient(JettyTransport transport, Duration timeout) {
        this(transport, timeout, timeout);
    }

    /**
     * A client.
     *
     * @param transport the connector's Jetty clients and timer
     * @param timeout the longest a request may take once sent, &gt; 0
     * @param maxRateWait the longest a request may wait for its rate-limit permit
     */
    public HttpJsonClient(JettyTransport transport, Duration timeout, Duration maxRateWait) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.maxRateWait = Objects.requireNonNull(maxRateWait, "maxRateWait");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be > 0, was " + timeout);
        }
    }

    /**
     * Applies a limiter to every request whose path starts with {@code pathPrefix}.
     *
     * @param pathPrefix for example {@code "/v2/book/"}, or {@code "/"} for all
     * @param limiter the limiter
     * @return this
     */
    public HttpJsonClient limit(String pathPrefix, RateLimiter limiter) {
        Objects.requireNonNull(pathPrefix, "pathPrefix");
        Objects.requireNonNull(limiter, "limiter");
        limits.add(new Limit(pathPrefix, limiter));
        return this;
    }

    /**
     * The limiter that applies to a path.
     *
     * @param path a request path
     * @return the limiter of the longest matching prefix, or {@link RateLimiter#unlimited()}
     */
    public RateLimiter limiterFor(String path) {
        Limit best = null;
        for (Limit l : limits) {
            if (path.startsWith(l.prefix) && (best == null || l.prefix.length() > best.prefix.length())) {
                best = l;
            }
        }
        return best == null ? RateLimiter.unlimited() : best.limiter;
    }

    /**
     * A GET with {@code Accept: application/json}.
     *
     * @param uri the address, with its query
     * @return the outcome; never completes exceptionally
     */
    public CompletableFuture<HttpResult> get(URI uri) {
        return get(uri, Map.of());
    }

    /**
     * A GET with extra headers.
     *
     * @param uri the address
     * @param headers extra headers
     * @return the outcome; never completes exceptionally
     */
    public CompletableFuture<HttpResult> get(URI uri, Map<String, String> headers) {
        return send(HttpMethod.GET, uri, null, headers);
    }

    /**
     * A POST of a JSON body ({@code Content-Type: application/json}).
     *
     * @param uri the address
     * @param jsonBody the body, sent as UTF-8
     * @param headers extra headers (authentication)
     * @return the outcome; never completes exceptionally
     */
    public CompletableFuture<HttpResult> post(URI uri, String jsonBody, Map<String, String> headers) {
        Objects.requireNonNull(jsonBody, "jsonBody");
        return send(HttpMethod.POST, uri, jsonBody, headers);
    }

    /**
     * A request with any method and an optional form body, keeping some of the answer's headers:
     * for exchanges that sign query strings and forms and report their rate limits in headers
     * (Binance: {@code DELETE /api/v3/order}, {@code PUT /fapi/v1/listenKey},
     * {@code X-MBX-USED-WEIGHT-1M}, {@code Retry-After}).
     *
     * @param method {@code GET}, {@code POST}, {@code PUT} or {@code DELETE}
     * @param uri the address, with its query
     * @param formBody an {@code application/x-www-form-urlencoded} body, or null for none
     * @param headers extra headers
     * @param keep names of answer headers to keep (case-insensitive)
     * @param kept receives the kept headers (name as given in {@code keep}) before the future
     *        completes; a header the answer lacks is absent
     * @return the outcome; never completes exceptionally
     */
    public CompletableFuture<HttpResult> exchange(String method, URI uri, String formBody, Map<String, String> headers,
            java.util.Collection<String> keep, Map<String, String> kept) {
        Objects.requireNonNull(keep, "keep");
        Objects.requireNonNull(kept, "kept");
        return send(HttpMethod.fromString(method), uri, formBody, headers, "application/x-www-form-urlencoded", keep,
                kept);
    }

    private CompletableFuture<HttpResult> send(HttpMethod method, URI uri, String body, Map<String, String> headers) {
        return send(method, uri, body, headers, "application/json", java.util.List.of(), null);
    }

    private CompletableFuture<HttpResult> send(HttpMethod method, URI uri, String body, Map<String, String> headers,
            String contentType, java.util.Collection<String> keep, Map<String, String> kept) {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(headers, "headers");
        String url = HttpResult.redact(uri);
        if (carriesCredentials(uri, headers) && !PlainTextRule.allowsCredentials(uri)) {
            return CompletableFuture.completedFuture(new HttpResult.Failure(method.asString(), url,
                    HttpResult.Kind.ABORTED, 0, "", "not sent: " + PlainTextRule.refusal(uri, "the request"),
                    Duration.ZERO));
        }
        String path = uri.getRawPath() == null ? "/" : uri.getRawPath();
        RateLimiter limiter = limiterFor(path);
        long wait = limiter.reserve(maxRateWait);
        if (wait < 0) {
            return CompletableFuture.completedFuture(new HttpResult.Failure(method.asString(), url,
                    HttpResult.Kind.RATE_LIMITED_LOCALLY, 0, "",
                    "not sent: the rate limit '" + limiter.name() + "' has no permit for "
                            + millis(limiter.timeUntilNextPermit()) + ", more than the " + millis(maxRateWait)
                            + " a request may wait",
                    Duration.ZERO));
        }
        CompletableFuture<HttpResult> result = new CompletableFuture<>();
        Runnable go = () -> sendNow(method, uri, url, body, headers, result, contentType, keep, kept);
        if (wait == 0) {
            go.run();
        } else {
            try {
                transport.timer().schedule(go, wait, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                result.complete(new HttpResult.Failure(method.asString(), url, HttpResult.Kind.ABORTED, 0, "",
                        "not sent: the transport is closed", Duration.ZERO));
            }
        }
        return result;
    }

    /** Whether a request authenticates: a header or query parameter with a secret name. */
    static boolean carriesCredentials(URI uri, Map<String, String> headers) {
        for (String name : headers.keySet()) {
            if (Redaction.isSecretName(name)) {
                return true;
            }
        }
        String query = uri.getRawQuery();
        if (query != null) {
            for (String part : query.split("&")) {
                int eq = part.indexOf('=');
                if (Redaction.isSecretName(eq < 0 ? part : part.substring(0, eq))) {
                    return true;
                }
            }
        }
        return false;
    }

    private void sendNow(HttpMethod method, URI uri, String url, String body, Map<String, String> headers,
            CompletableFuture<HttpResult> result, String contentType, java.util.Collection<String> keep,
            Map<String, String> kept) {
        long start = System.nanoTime();
        try {
            Request request = transport.httpClient().newRequest(uri).method(method)
                    .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS).accept("application/json");
            request.headers(h -> headers.forEach(h::put));
            if (body != null) {
                request.body(new StringRequestContent(contentType, body, StandardCharsets.UTF_8));
            }
            new CompletableResponseListener(request, MAX_BODY_BYTES).send().whenComplete((response, failure) -> {
                Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                if (response != null && kept != null) {
                    for (String name : keep) {
                        String v = response.getHeaders().get(name);
                        if (v != null) {
                            kept.put(name, v);
                        }
                    }
                }
                result.complete(failure == null ? outcome(method, url, response, elapsed)
                        : failure(method, url, failure, elapsed));
            });
        } catch (RuntimeException e) {
            result.complete(failure(method, url, e, Duration.ofNanos(System.nanoTime() - start)));
        }
    }

    private static HttpResult outcome(HttpMethod method, String url, ContentResponse response, Duration elapsed) {
        int status = response.getStatus();
        String text = response.getContentAsString();
        String body = text == null ? "" : text;
        if (status >= 200 && status < 300) {
            return new HttpResult.Success(method.asString(), url, status, body, elapsed);
        }
        String reason = response.getReason();
        return new HttpResult.Failure(method.asString(), url, HttpResult.Kind.HTTP_STATUS, status, body,
                "answered HTTP " + status + (reason == null || reason.isEmpty() ? "" : " " + reason), elapsed);
    }

    private HttpResult failure(HttpMethod method, String url, Throwable failure, Duration elapsed) {
        Throwable c = failure;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        HttpResult.Kind kind;
        String message;
        if (c instanceof TimeoutException) {
            kind = HttpResult.Kind.TIMEOUT;
            message = "got no answer within " + millis(timeout);
        } else if (c instanceof IOException) {
            kind = HttpResult.Kind.CONNECTION;
            message = "failed to connect or lost the connection (" + c.getClass().getSimpleName()
                    + (c.getMessage() == null ? "" : ": " + c.getMessage()) + ")";
        } else {
            kind = HttpResult.Kind.ABORTED;
            message = "was aborted (" + c + ")";
        }
        return new HttpResult.Failure(method.asString(), url, kind, 0, "", message, elapsed);
    }

    private static String millis(Duration d) {
        return d.toMillis() + " ms";
    }
}
