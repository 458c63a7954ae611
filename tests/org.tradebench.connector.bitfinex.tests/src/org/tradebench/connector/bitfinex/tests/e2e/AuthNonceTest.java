package org.tradebench.connector.bitfinex.tests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.market.BookRequest;
import org.tradebench.api.trading.TradingAccount;
import org.tradebench.connector.bitfinex.internal.BitfinexConnector;
import org.tradebench.connector.conformance.Await;
import org.tradebench.connector.conformance.BookModel;

/**
 * Bitfinex compares every nonce of a key with the largest it saw, over the socket and REST alike:
 * a REST call that took a later nonce can reach it before the socket's auth message. The key is
 * fine then, only that nonce lost; the account authenticates again with a new one, a few times,
 * before it says the key was refused.
 */
class AuthNonceTest {

    private SimHarness h;

    @AfterEach
    void stop() {
        if (h != null) {
            h.close();
        }
    }

    @Test
    void anAuthNonceOvertakenByAnotherRequestIsRetriedWithANewOne() throws Exception {
        h = SimHarness.start(1, 5);
        h.sim.refuseNextAuthNonces(2);
        BitfinexConnector c = h.connectWithKeys(false);
        TradingAccount account = c.trading().orElseThrow();
        BookModel book = new BookModel();
        c.marketData().subscribeBook(new BookRequest(TradingTest.BTC, 25), book);
        TradingTest.awaitReady(h, c, account, book);
        assertEquals(3, h.sim.authRequests(), "two refused nonces, then a new one accepted");
        assertEquals(ConnectionState.LIVE, account.health().state(), account.health().toString());
    }

    @Test
    void aNonceRefusedAgainAndAgainEndsFailedWithBitfinexsText() throws Exception {
        h = SimHarness.start(1, 5);
        h.sim.refuseNextAuthNonces(100);
        BitfinexConnector c = h.connectWithKeys(false);
        TradingAccount account = c.trading().orElseThrow();
        Await.until(() -> account.health().state() == ConnectionState.FAILED, () -> "FAILED: " + account.health());
        assertEquals(4, h.sim.authRequests(), "the first and three more");
        assertTrue(account.health().cause().contains("nonce: small (code 10114)"), account.health().toString());
    }
}
