package org.tradebench.connector.bitfinex.internal.trading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.tradebench.connector.bitfinex.internal.rest.RestPayloads;
import org.tradebench.transport.HttpResult;

/** Reading the answers of {@code /v2/auth/w/order/*}: notification, error body, no answer. */
class RestOrderEntryTest {

    private static final String URL = "https://api.bitfinex.com/v2/auth/w/order/submit";

    private static RestOrderEntry.Reply read(HttpResult r) {
        return RestOrderEntry.reply(new RestPayloads(), r);
    }

    @Test
    void aSubmitAnswerCarriesTheOrderInAnArrayOfOrders() {
        // Shape of Bitfinex's documented submit answer (docs.bitfinex.com/reference/rest-auth-submit-order).
        String body = "[1567590617442,\"on-req\",null,null,[[30630788061,null,1567590617439,\"tBTCUSD\","
                + "1567590617439,1567590617439,0.001,0.001,\"EXCHANGE LIMIT\",null,null,null,4096,\"ACTIVE\",null,null,"
                + "15,0,0,0,null,null,null,0,null,null,null,null,\"API>BFX\",null,null,null]],null,\"SUCCESS\","
                + "\"Submitting 1 orders.\"]";
        RestOrderEntry.Reply r = read(new HttpResult.Success("POST", URL, 200, body, Duration.ZERO));
        assertTrue(r.ok());
        assertTrue(r.known());
        assertEquals("on-req", r.notification().type());
        assertEquals(30630788061L, r.notification().order().id());
        assertEquals(1567590617439L, r.notification().order().clientOrderId());
        assertEquals(0, r.notification().order().price().compareTo(new BigDecimal("15")));
        assertEquals("ACTIVE", r.notification().order().status());
    }

    @Test
    void aCancelAnswerCarriesOneOrder() {
        String body = "[1568711312683,\"oc-req\",null,null,[1185815100,null,1568711312683,\"tBTCUSD\",1568711312683,"
                + "1568711312683,0.001,0.001,\"EXCHANGE LIMIT\",null,null,null,0,\"ACTIVE\",null,null,15,0,0,0,null,null,"
                + "null,0,0,null,null,null,\"API>BFX\",null,null,null],null,\"SUCCESS\",\"Submitted for cancellation;"
                + " waiting for confirmation (ID: 1185815100).\"]";
        RestOrderEntry.Reply r = read(new HttpResult.Success("POST", URL, 200, body, Duration.ZERO));
        assertTrue(r.ok());
        assertEquals(1185815100L, r.notification().order().id());
    }

    @Test
    void anErrorBodyIsARefusalWithBitfinexsCodeAndText() {
        // As Bitfinex answers a refused REST order (bitfinexcom/bitfinex-api-py issue #168): HTTP 500.
        String body = "[\"error\",10001,\"Invalid order: not enough exchange balance for 10 BTCUSD at 60000\"]";
        RestOrderEntry.Reply r = read(new HttpResult.Failure("POST", URL, HttpResult.Kind.HTTP_STATUS, 500, body, "500",
                Duration.ZERO));
        assertFalse(r.ok());
        assertTrue(r.known());
        assertEquals("10001", r.code());
        assertEquals("Bitfinex refused the request: Invalid order: not enough exchange balance for 10 BTCUSD at 60000"
                + " (code 10001)", r.problem());
    }

    @Test
    void noAnswerLeavesTheOutcomeUnknownButNotSentIsKnown() {
        RestOrderEntry.Reply timeout = read(new HttpResult.Failure("POST", URL, HttpResult.Kind.TIMEOUT, 0, "",
                "no answer within 10 s", Duration.ofSeconds(10)));
        assertFalse(timeout.known(), "it may have reached Bitfinex");
        assertNull(timeout.notification());
        assertTrue(timeout.problem().startsWith("no answer from Bitfinex's REST order entry"), timeout.problem());
        RestOrderEntry.Reply limited = read(new HttpResult.Failure("POST", URL, HttpResult.Kind.RATE_LIMITED_LOCALLY, 0,
                "", "not sent: over the limit", Duration.ZERO));
        assertTrue(limited.known(), "certainly not sent");
    }

    @Test
    void anUnreadableAnswerSaysSo() {
        RestOrderEntry.Reply r = read(new HttpResult.Success("POST", URL, 200, "{\"oops\":1}", Duration.ZERO));
        assertFalse(r.ok());
        assertTrue(r.problem().startsWith("Bitfinex's answer could not be read"), r.problem());
    }
}
