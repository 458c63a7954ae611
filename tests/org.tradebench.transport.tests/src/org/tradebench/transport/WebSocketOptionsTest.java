package org.tradebench.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

class WebSocketOptionsTest {

    private static final String LISTEN_KEY = "pqia91ma19a5s61cv6a81va65sdf19v8a65a1a5s61cv6a81va65sdf19v8a65a1";

    @Test
    void toStringShowsNeitherAListenKeyNorATokenNorAHeaderSecret() {
        WebSocketOptions options = WebSocketOptions.of(URI.create("wss://user:pw@stream.binance.com:9443/ws/" + LISTEN_KEY
                + "?token=T0KEN&symbol=BTCUSDT")).withHeaders(Map.of("Authorization", "Bearer B3ARER",
                        "X-MBX-APIKEY", "AP1KEY", "User-Agent", "tradebench/0.2"));
        String text = options.toString();
        for (String secret : new String[] { LISTEN_KEY, "T0KEN", "B3ARER", "AP1KEY", "pw@" }) {
            assertFalse(text.contains(secret), secret + " in " + text);
        }
        assertTrue(text.startsWith("WebSocketOptions[uri=wss://stream.binance.com:9443/ws/***?token=***&symbol=BTCUSDT, "),
                text);
        assertTrue(text.contains("headers={Authorization=***, User-Agent=tradebench/0.2, X-MBX-APIKEY=***}"), text);
    }

    @Test
    void anAuthenticatedSessionShowsOnlySchemeHostAndPort() {
        WebSocketOptions options = WebSocketOptions.of(URI.create("wss://api.bitfinex.com/ws/2")).withName("account")
                .withAuthenticated();
        assertEquals("wss://api.bitfinex.com/***", options.redactedUri());
        assertTrue(options.toString().contains("uri=wss://api.bitfinex.com/***, name=account, authenticated=true"),
                options.toString());
    }

    @Test
    void copiesKeepTheAuthenticatedMark() {
        WebSocketOptions options = WebSocketOptions.of(URI.create("ws://127.0.0.1:9/ws/2")).withAuthenticated()
                .withName("a").withHeaders(Map.of()).withMaxMessageBytes(4096).withStaleAfter(java.time.Duration.ZERO);
        assertTrue(options.authenticated());
    }
}
