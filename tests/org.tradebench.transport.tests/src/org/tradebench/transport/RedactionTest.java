package org.tradebench.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RedactionTest {

    private static final String LISTEN_KEY = "pqia91ma19a5s61cv6a81va65sdf19v8a65a1a5s61cv6a81va65sdf19v8a65a1";

    @Test
    void aListenKeyInThePathIsRedacted() {
        assertEquals("wss://stream.binance.com:9443/ws/***",
                Redaction.uri(URI.create("wss://stream.binance.com:9443/ws/" + LISTEN_KEY), false));
    }

    @Test
    void shortPathSegmentsAndPublicQueriesStay() {
        assertEquals("wss://api-pub.bitfinex.com/ws/2", Redaction.uri(URI.create("wss://api-pub.bitfinex.com/ws/2"), false));
        assertEquals("wss://stream.binance.com/stream?streams=btcusdt@depth@100ms",
                Redaction.uri(URI.create("wss://stream.binance.com/stream?streams=btcusdt@depth@100ms"), false));
    }

    @Test
    void secretQueryValuesTokenValuesAndUserInfoAreRedacted() {
        assertEquals("wss://h:8443/ws?listenKey=***&token=***&symbol=BTCUSDT&x=***",
                Redaction.uri(URI.create("wss://user:pw@h:8443/ws?listenKey=abc&token=t&symbol=BTCUSDT&x=" + LISTEN_KEY),
                        false));
    }

    @Test
    void aSecretBearingAddressShowsOnlySchemeHostAndPort() {
        assertEquals("wss://api.bitfinex.com/***", Redaction.uri(URI.create("wss://api.bitfinex.com/ws/2"), true));
        assertEquals("wss://h:1/***?***", Redaction.uri(URI.create("wss://h:1/a/b?c=d"), true));
        assertEquals("wss://h", Redaction.uri(URI.create("wss://h"), true));
    }

    @Test
    void headerValuesOutsideTheAllowListAreRedacted() {
        assertEquals("{Authorization=***, User-Agent=tradebench, X-Custom=***, X-MBX-APIKEY=***}",
                Redaction.headers(Map.of("Authorization", "Bearer eyJhbGciOi", "User-Agent", "tradebench",
                        "X-MBX-APIKEY", "k", "X-Custom", "c")));
    }

    @Test
    void authFrameFieldsAreRedacted() {
        String auth = "{\"event\":\"auth\",\"apiKey\":\"AK-123\",\"authSig\":\"5f2a\",\"authPayload\":\"AUTH1700\","
                + "\"authNonce\":1700,\"dms\":4,\"filter\":[\"trading\"]}";
        assertEquals("{\"event\":\"auth\",\"apiKey\":\"***\",\"authSig\":\"***\",\"authPayload\":\"***\","
                + "\"authNonce\":\"***\",\"dms\":4,\"filter\":[\"trading\"]}", Redaction.frame(auth));
    }

    @Test
    void binanceAndTokenFieldsAreRedactedWhereverTheyAre() {
        String frame = "{\"e\":\"listenKeyExpired\",\"listenKey\":\"" + LISTEN_KEY + "\",\"params\":{\"apiKey\":\"k\","
                + "\"signature\":\"s\",\"timestamp\":1},\"access_token\" : \"t\\\"q\"}";
        String redacted = Redaction.frame(frame);
        assertEquals("{\"e\":\"listenKeyExpired\",\"listenKey\":\"***\",\"params\":{\"apiKey\":\"***\","
                + "\"signature\":\"***\",\"timestamp\":1},\"access_token\" : \"***\"}", redacted);
    }

    @Test
    void aFrameWithoutSecretsIsUnchanged() {
        String frame = "[0,\"on\",[123,null,42,\"tBTCUSD\",1,1,0.1,0.1,\"EXCHANGE LIMIT\"]]";
        assertEquals(frame, Redaction.frame(frame));
    }

    @Test
    void anExcerptIsRedactedBeforeItIsCut() {
        byte[] frame = ("{\"event\":\"auth\",\"apiKey\":\"" + LISTEN_KEY + "\"}").getBytes(StandardCharsets.UTF_8);
        String excerpt = Redaction.frameExcerpt(frame, 0, frame.length, 40);
        assertFalse(excerpt.contains("pqia"), excerpt);
        assertEquals("{\"event\":\"auth\",\"apiKey\":\"***\"}", excerpt);
        String cut = Redaction.frameExcerpt(frame, 0, frame.length, 10);
        assertEquals("{\"event\":\"\u2026", cut);
    }

    @Test
    void secretNamesFollowOneRule() {
        for (String name : new String[] { "apiKey", "authSig", "authPayload", "signature", "listenKey", "token",
                "bfx-apikey", "X-MBX-APIKEY", "Authorization", "passphrase", "secret" }) {
            assertTrue(Redaction.isSecretName(name), name);
        }
        for (String name : new String[] { "event", "symbol", "channel", "len", "limit", "dms" }) {
            assertFalse(Redaction.isSecretName(name), name);
        }
    }
}
