package org.tradebench.connector.binance.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.tradebench.api.Capability;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.instrument.InstrumentKind;
import org.tradebench.api.market.Candle;
import org.tradebench.api.market.CandleInterval;
import org.tradebench.api.market.Liquidation;
import org.tradebench.api.market.MarkPrice;
import org.tradebench.api.market.Quote;
import org.tradebench.api.market.Side;
import org.tradebench.api.market.Ticker;
import org.tradebench.api.market.Trade;

import com.google.gson.JsonObject;

/** The adapters against the payloads Binance documents (payloads/README.md names each source). */
class BinanceAdaptersTest {

    private static final InstrumentId BNBBTC = new InstrumentId("binance", "BNB/BTC");
    private static final InstrumentId BTCUSDT_PERP = new InstrumentId("binance-usdm", "BTC/USDT:USDT");
    private static final Instant RECEIVED = Instant.parse("2026-12-04T12:00:00Z");

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    void anAggregateTradeWhoseBuyerIsTheMakerWasSoldByTheTaker() {
        Trade t = BinanceAdapters.trade(BNBBTC, Payloads.get("spot_aggTrade"), RECEIVED);
        assertEquals("12345", t.id());
        assertEquals(Side.SELL, t.takerSide(), "m=true: the buyer was the maker, the taker sold");
        assertEquals(d("0.001"), t.price());
        assertEquals(d("100"), t.quantity());
        assertEquals(Instant.ofEpochMilli(1672515782136L), t.time());
        assertEquals(RECEIVED, t.received());

        JsonObject taken = Payloads.get("spot_aggTrade");
        taken.addProperty("m", false);
        assertEquals(Side.BUY, BinanceAdapters.trade(BNBBTC, taken, RECEIVED).takerSide());
    }

    @Test
    void theDocumentedKlineIsRefusedBecauseItsOpenIsBelowItsLow() {
        // Binance's own example has o 0.0010 below l 0.0015: the API's Candle refuses it, with why
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BinanceAdapters.candle(BNBBTC, Payloads.get("spot_kline").getAsJsonObject("k")));
        assertTrue(e.getMessage().contains("inconsistent"), e.getMessage());
    }

    @Test
    void aKlineIsACandleOfItsInterval() {
        JsonObject k = Payloads.get("spot_kline").getAsJsonObject("k");
        k.addProperty("l", "0.0010"); // the documented example, made consistent
        Candle c = BinanceAdapters.candle(BNBBTC, k);
        assertEquals(CandleInterval.M1, c.interval());
        assertEquals(Instant.ofEpochMilli(1672515780000L), c.start());
        assertEquals(d("0.001"), c.open());
        assertEquals(d("0.0025"), c.high());
        assertEquals(d("0.001"), c.low());
        assertEquals(d("0.002"), c.close());
        assertEquals(d("1000"), c.volume());
        assertEquals(100, c.trades());
        assertFalse(c.closed());
    }

    @Test
    void aTickerMergesTheBookTickerAndTheDayTicker() {
        Quote q = BinanceAdapters.quote(Payloads.get("spot_bookTicker"));
        assertEquals(d("25.3519"), q.bid());
        assertEquals(d("31.21"), q.bidSize());
        assertEquals(d("25.3652"), q.ask());
        assertEquals(d("40.66"), q.askSize());

        JsonObject day = Payloads.get("spot_24hrTicker");
        Ticker t = BinanceAdapters.ticker(BNBBTC, Instant.ofEpochMilli(1672515782136L), RECEIVED, q, day);
        assertEquals(d("0.0025"), t.last());
        assertEquals(d("10000"), t.day().volume());
        assertEquals(d("18"), t.day().quoteVolume());
        assertEquals(d("0.0025"), t.day().high());
        assertEquals(d("0.001"), t.day().low());
        assertEquals(d("0.001"), t.day().open());
        assertEquals(d("0.0015"), t.day().change());
        assertEquals(d("2.5"), t.day().changeRatio(), "P is in percent: 250.00 % is a ratio of 2.5");

        Ticker quoteOnly = BinanceAdapters.ticker(BNBBTC, RECEIVED, RECEIVED, q, null);
        assertNull(quoteOnly.last());
        assertNull(quoteOnly.day());
        Ticker dayOnly = BinanceAdapters.ticker(BNBBTC, RECEIVED, RECEIVED, null, day);
        assertNull(dayOnly.quote(), "bid and ask are optional");
        assertNull(BinanceAdapters.ticker(BNBBTC, RECEIVED, RECEIVED, null, null));

        JsonObject empty = Payloads.get("spot_bookTicker");
        empty.addProperty("b", "0.00000000");
        assertNull(BinanceAdapters.quote(empty), "an empty side gives no quote");
    }

    @Test
    void aMarkPriceUpdateCarriesMarkIndexFundingAndTheNextFunding() {
        MarkPrice m = BinanceAdapters.markPrice(BTCUSDT_PERP, Payloads.get("usdm_markPriceUpdate"), RECEIVED);
        assertEquals(d("11794.15"), m.markPrice());
        assertEquals(d("11784.62659091"), m.indexPrice());
        assertEquals(d("0.00038167"), m.fundingRate());
        assertEquals(Instant.ofEpochMilli(1562306400000L), m.nextFunding());
        assertEquals(Instant.ofEpochMilli(1562305380000L), m.time());
        assertNull(m.openInterest());

        MarkPrice rest = BinanceAdapters.markPrice(new InstrumentId("binance-usdm", "UXLINK/USDT:USDT"),
                Payloads.get("usdm_premiumIndex"), RECEIVED);
        assertEquals(d("0.5563"), rest.markPrice());
        assertEquals(d("0.55594286"), rest.indexPrice());
        assertEquals(d("0.00005"), rest.fundingRate());
        assertEquals(Instant.ofEpochMilli(1732723200000L), rest.nextFunding());
    }

    @Test
    void aForceOrderIsALiquidationWithTheOrdersSide() {
        Liquidation l = BinanceAdapters.liquidation(BTCUSDT_PERP, Payloads.get("usdm_forceOrder"), RECEIVED);
        assertEquals(Side.SELL, l.side(), "a long position is liquidated by a SELL");
        assertEquals(d("9910"), l.price());
        assertEquals(d("0.014"), l.quantity());
        assertEquals(Instant.ofEpochMilli(1568014460893L), l.time());
    }

    @Test
    void spotInstrumentsComeFromExchangeInfoWithTheirFiltersAndOrderTypes() {
        List<Instrument> list = BinanceAdapters.instruments(BinanceMarket.SPOT, Payloads.text("spot_exchangeInfo"));
        assertEquals(2, list.size());
        Instrument eth = list.get(0);
        assertEquals(new InstrumentId("binance", "ETH/BTC"), eth.id());
        assertEquals("ETHBTC", eth.rawSymbol());
        assertEquals(InstrumentKind.SPOT, eth.kind());
        assertEquals(d("0.000001"), eth.spec().tickSize());
        assertEquals(d("0.001"), eth.spec().lotSize());
        assertEquals(d("0.001"), eth.spec().minQuantity());
        assertEquals(d("100000"), eth.spec().maxQuantity());
        assertEquals(d("0.001"), eth.spec().minNotional());
        assertTrue(eth.capabilities().containsAll(List.of(Capability.ORDER_LIMIT, Capability.ORDER_MARKET,
                Capability.ORDER_STOP_LIMIT, Capability.ORDER_TAKE_PROFIT_LIMIT, Capability.ORDER_POST_ONLY,
                Capability.ORDER_BOOK, Capability.TRADES)));
        assertFalse(eth.capabilities().contains(Capability.MARK_PRICE));
        assertFalse(eth.capabilities().contains(Capability.ORDER_STOP), "no STOP_LOSS (market) order type listed");
    }

    @Test
    void usdmInstrumentsArePerpetualsSettledInTheirMarginAsset() {
        List<Instrument> list = BinanceAdapters.instruments(BinanceMarket.USDM, Payloads.text("usdm_exchangeInfo"));
        assertEquals(1, list.size(), "the quarterly delivery contract is left out");
        Instrument blz = list.get(0);
        assertEquals(new InstrumentId("binance-usdm", "BLZ/USDT:USDT"), blz.id());
        assertEquals(InstrumentKind.PERPETUAL, blz.kind());
        assertEquals(d("0.0001"), blz.spec().tickSize());
        assertEquals(d("1"), blz.spec().lotSize());
        assertEquals(d("10000000"), blz.spec().maxQuantity());
        assertEquals(d("5"), blz.spec().minNotional(), "futures MIN_NOTIONAL says 'notional'");
        assertTrue(blz.capabilities().containsAll(List.of(Capability.MARK_PRICE, Capability.FUNDING,
                Capability.LIQUIDATIONS, Capability.ORDER_STOP, Capability.ORDER_STOP_LIMIT, Capability.ORDER_TAKE_PROFIT,
                Capability.ORDER_TAKE_PROFIT_LIMIT, Capability.ORDER_REDUCE_ONLY)));
    }

    @Test
    void symbolsMapBothWays() {
        assertEquals("BTCUSDT", BinanceAdapters.raw(new InstrumentId("binance", "BTC/USDT")));
        assertEquals("BTCUSDT", BinanceAdapters.raw(new InstrumentId("binance-usdm", "BTC/USDT:USDT")));
        assertEquals("BTC/USDT", BinanceAdapters.unified(BinanceMarket.SPOT, "btcusdt"));
        assertEquals("BTC/USDT:USDT", BinanceAdapters.unified(BinanceMarket.USDM, "BTCUSDT"));
        assertEquals("BNB/BTC", BinanceAdapters.unified(BinanceMarket.SPOT, "BNBBTC"));
        assertEquals("ETH/FDUSD", BinanceAdapters.unified(BinanceMarket.SPOT, "ETHFDUSD"));
        assertThrows(IllegalArgumentException.class, () -> BinanceAdapters.unified(BinanceMarket.SPOT, "XYZ"));
    }

    @Test
    void everyKlineIntervalWithAFixedLengthIsOffered() {
        List<CandleInterval> spot = BinanceAdapters.intervals(BinanceMarket.SPOT);
        assertEquals(15, spot.size(), "1s 1m 3m 5m 15m 30m 1h 2h 4h 6h 8h 12h 1d 3d 1w (1M has no fixed length)");
        assertEquals(CandleInterval.S1, spot.get(0));
        assertFalse(BinanceAdapters.intervals(BinanceMarket.USDM).contains(CandleInterval.S1));
        assertEquals(Optional.of("1d"), BinanceAdapters.intervalName(BinanceMarket.SPOT, CandleInterval.D1));
        assertEquals(Optional.empty(), BinanceAdapters.intervalName(BinanceMarket.USDM, CandleInterval.S1));
        assertEquals(Optional.empty(), BinanceAdapters.intervalName(BinanceMarket.SPOT, CandleInterval.S5));
        assertEquals(Optional.of(CandleInterval.parse("1w")), BinanceAdapters.interval("1w"));
        assertEquals(Optional.empty(), BinanceAdapters.interval("1M"));
    }
}
