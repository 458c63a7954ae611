package org.tradebench.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpJsonClientTest {

    private final AtomicInteger requests = new AtomicInteger();
    private LoopbackServer server;
    private JettyTransport transport;

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackServer(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                requests.incrementAndGet();
                String path = Request.getPathInContext(request);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                switch (path) {
                    case "/v2/platform/status" -> Content.Sink.write(response, true, "[1]", callback);
                    case "/v2/ticker/tFOO" -> {
                        response.setStatus(500);
                        Content.Sink.write(response, true, "[\"error\",10020,\"symbol: invalid\"]", callback);
                    }
                    case "/v2/auth/r/orders" -> {
                        String body = Content.Source.asString(request);
                        String key = request.getHeaders().get("bfx-apikey");
                        Content.Sink.write(response, true, "{\"key\":\"" + key + "\",\"body\":" + body + "}", callback);
                    }
                    case "/slow" -> {
                        Thread.sleep(1500);
                        Content.Sink.write(response, true, "late", callback);
                    }
                    default -> {
                        response.setStatus(404);
                        Content.Sink.write(response, true, "not found: " + path, callback);
                    }
                }
                return true;
            }
        });
        transport = JettyTransport.start("http-test");
    }

    @AfterEach
    void stop() throws Exception {
        transport.close();
        server.close();
    }

    @Test
    void getReturnsStatusAndBody() {
        HttpJsonClient client = new HttpJsonClient(transport, Duration.ofSeconds(5));
        HttpResult r = client.get(server.httpUri("/v2/platform/status")).join();
        HttpResult.Success ok = assertInstanceOf(HttpResult.Success.class, r);
        assertEquals(200, ok.status());
        assertEquals("[1]", ok.body());
        assertEquals("GET", ok.method());
    }

    @Test
    void errorStatusSaysWhatAndWhereWithTheBody() {
        HttpJsonClient client = new HttpJsonClient(transport, Duration.ofSeconds(5));
        URI uri = server.httpUri("/v2/ticker/tFOO?apiKey=k3y&signature=s1g&symbol=tFOO");
        HttpResult.Failure f = assertInstanceOf(HttpResult.Failure.class, client.get(uri).join());
        assertEquals(HttpResult.Kind.HTTP_STATUS, f.kind());
        assertEquals(500, f.status());
        assertEquals("[\"error\",10020,\"symbol: invalid\"]", f.body());
        String port = Integer.toString(uri.getPort());
        assertEquals("GET http://127.0.0.1:" + port + "/v2/ticker/tFOO?apiKey=***&signature=***&symbol=tFOO"
                + " answered HTTP 500 Server Error: [\"error\",10020,\"symbol: invalid\"]", f.describe());
        assertFalse(f.describe().contains("k3y") || f.describe().contains("s1g"));
    }

    @Test
    void postSendsTheBodyAndHeaders() {
        HttpJsonClient client = new HttpJsonClient(transport, Duration.ofSeconds(5));
        HttpResult r = client.post(server.httpUri("/v2/auth/r/orders"), "{\"limit\":5}",
                Map.of("bfx-apikey", "my-key")).join();
        assertEquals("{\"key\":\"my-key\",\"body\":{\"limit\":5}}", assertInstanceOf(HttpResult.Success.class, r).body());
    }

    @Test
    void credentialsAreNotSentOverPlainHttpToAHostThatIsNotLoopback() {
        HttpJsonClient client = new HttpJsonClient(transport, Duration.ofSeconds(5));
        HttpResult.Failure f = assertInstanceOf(HttpResult.Failure.class,
                client.post(URI.create("http://api.example.invalid/v2/auth/r/orders"), "{}",
                        Map.of("bfx-apikey", "K3YVALUE", "bfx-signature", "S1GVALUE")).join());
        assertEquals(HttpResult.Kind.ABORTED, f.kind());
        assertEquals("not sent: the request: refusing to send credentials over plain http:// to api.example.invalid;"
                + " use https:// (plain ws:// and http:// are allowed to loopback addresses only: localhost,"
                + " 127.0.0.0/8, ::1)", f.message());
        assertFalse(f.describe().contains("K3YVALUE") || f.describe().contains("S1GVALUE"));
        HttpResult.Failure q = assertInstanceOf(HttpResult.Failure.class,
                client.get(URI.create("http://api.example.invalid/api/v3/order?symbol=X&signature=S1G")).join());
        assertTrue(q.message().startsWith("not sent: the request: refusing"), q.message());
        assertEquals(0, requests.get());
    }

    @Test
    void publicRequestsMayUsePlainHttp() {
        assertFalse(HttpJsonClient.carriesCredentials(URI.create("http://api.example.invalid/v2/ticker/tBTCUSD?len=25"),
                Map.of("Accept-Language", "en")));
        assertTrue(HttpJsonClient.carriesCredentials(URI.create("http://h/x"), Map.of("Authorization", "Bearer t")));
        assertTrue(HttpJsonClient.carriesCredentials(URI.create("http://h/x?listenKey=abc"), Map.of()));
    }

    @Test
    void slowAnswersTimeOut() {
        HttpJsonClient client = new HttpJsonClient(transport, Duration.ofMillis(300));
        HttpResult.Failure f = assertInstanceOf(HttpResult.Failure.class, client.get(server.httpUri("/slow")).join());
        assertEquals(HttpResult.Kind.TIMEOUT, f.kind());
        assertEquals(0, f.status());
        assertTrue(f.describe().endsWith("/slow got no answer within 300 ms"), f.describe());
        assertTrue(f.elapsed().compareTo(Duration.ofMillis(280)) >= 0, f.elapsed().toString());
    }

    @Test
    void refusedConnectionsAreConnectionFailures() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        HttpJsonClient client = new HttpJsonClient(transport, Duration.ofSeconds(2));
        HttpResult.Failure f = assertInstanceOf(HttpResult.Failure.class,
                client.get(URI.create("http://127.0.0.1:" + port + "/v2/platform/status")).join());
        assertEquals(HttpResult.Kind.CONNECTION, f.kind());
        assertTrue(f.describe().contains("failed to connect"), f.describe());
    }

    @Test
    void rateLimitersDelayOrRefuseBeforeTheExchangeSees() {
        RateLimiter status = new RateLimiter("status", 1, Duration.ofMillis(250), 1, System::nanoTime);
        HttpJsonClient client = new HttpJsonClient(transport, Duration.ofSeconds(5), Duration.ofMillis(400))
                .limit("/v2/", RateLimiter.of("all v2", 1000, Duration.ofSeconds(1)))
                .limit("/v2/platform/", status);
        assertEquals(status, client.limiterFor("/v2/platform/status"));
        long start = System.nanoTime();
        assertTrue(client.get(server.httpUri("/v2/platform/status")).join().isSuccess());
        assertTrue(client.get(server.httpUri("/v2/platform/status")).join().isSuccess());
        long elapsed = System.nanoTime() - start;
        assertTrue(elapsed >= Duration.ofMillis(240).toNanos(), "the second request waited: " + elapsed / 1_000_000);
        // Two more at once: the first waits 250 ms, the second would wait 500 ms > 400 ms: not sent.
        var third = client.get(server.httpUri("/v2/platform/status"));
        HttpResult.Failure refused = assertInstanceOf(HttpResult.Failure.class,
                client.get(server.httpUri("/v2/platform/status")).join());
        assertEquals(HttpResult.Kind.RATE_LIMITED_LOCALLY, refused.kind());
        assertTrue(refused.describe().contains("rate limit 'status'"), refused.describe());
        assertTrue(third.join().isSuccess());
        assertEquals(3, requests.get(), "the refused request never reached the server");
    }
}
