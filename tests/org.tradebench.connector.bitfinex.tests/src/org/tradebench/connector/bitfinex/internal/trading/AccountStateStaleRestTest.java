package org.tradebench.connector.bitfinex.internal.trading;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.tradebench.api.account.Balance;
import org.tradebench.api.health.SessionHealth;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.connector.bitfinex.internal.BitfinexCatalog;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexConf;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexWallet;
import org.tradebench.connector.support.ConnectorRuntime;
import org.tradebench.connector.support.health.HealthModel;
import org.tradebench.connector.support.stream.TradingStream;

/**
 * A REST answer is what was true when it was asked: a wallet the account stream updated after the
 * reconciliation asked for the wallets keeps the stream's value (a slow answer once put a bought
 * coin's balance back to 0 after its {@code wu}).
 */
class AccountStateStaleRestTest {

    private final ConnectorRuntime runtime = ConnectorRuntime.inline("stale-rest-test");
    private final Instrument btc = BitfinexCatalog.build(List.of(new BitfinexConf.BitfinexPairInfo("tBTCUSD",
            new BigDecimal("0.00004"), new BigDecimal("2000"), false))).get(0);
    private final TradingStream events = new TradingStream(runtime, "test", List::of);
    private final AccountState account = new AccountState(events,
            new OrderTracker(events, runtime.delivery(), raw -> Optional.of(btc)), raw -> Optional.of(btc),
            new HealthModel(runtime).session(SessionHealth.TRADING));

    private static BitfinexWallet wallet(String currency, String balance) {
        return new BitfinexWallet("exchange", currency, new BigDecimal(balance), null, new BigDecimal(balance));
    }

    private BigDecimal total(String currency) {
        return account.balances().stream().filter(b -> b.currency().equals(currency)).map(Balance::total)
                .findFirst().orElse(null);
    }

    @Test
    void aWalletTheStreamUpdatedAfterTheRequestKeepsTheStreamsValue() {
        account.onStreamedWallet(wallet("BTC", "0"));
        long asked = account.streamSequence();          // the reconciliation asks for the wallets
        account.onStreamedWallet(wallet("BTC", "0.00998")); // a buy filled: wu
        account.onRestWallet(wallet("BTC", "0"), asked);   // the answer, older than the wu
        account.onRestWallet(wallet("USD", "99350"), asked); // a wallet the stream did not touch since

        assertEquals(0, total("BTC").compareTo(new BigDecimal("0.00998")), "the stream's newer value stays");
        assertEquals(0, total("USD").compareTo(new BigDecimal("99350")), "the REST value fills in the rest");
    }

    @Test
    void anAnswerToARequestSentAfterTheLastStreamUpdateApplies() {
        account.onStreamedWallet(wallet("BTC", "0.5"));
        long asked = account.streamSequence();
        account.onRestWallet(wallet("BTC", "0.4"), asked);
        assertEquals(0, total("BTC").compareTo(new BigDecimal("0.4")));
    }
}
