package org.tradebench.connector.bitfinex.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.instrument.InstrumentKind;

/** Raw Bitfinex symbols to unified ones and back. */
class BitfinexSymbolsTest {

    @ParameterizedTest
    @CsvSource({
        "tBTCUSD, BTC/USD, SPOT",
        "tETHUST, ETH/USDT, SPOT",
        "tETHUDC, ETH/USDC, SPOT",
        "tBTCUST, BTC/USDT, SPOT",
        "tXRPBTC, XRP/BTC, SPOT",
        "tDOGE:USD, DOGE/USD, SPOT",
        "tDOGE:UST, DOGE/USDT, SPOT",
        "tTESTBTC:TESTUSD, TESTBTC/TESTUSD, SPOT",
        "tBCHN:USD, BCH/USD, SPOT",
        "tDSHUSD, DASH/USD, SPOT",
        "tBTCF0:USTF0, BTC/USDT:USDT, PERPETUAL",
        "tETHF0:USTF0, ETH/USDT:USDT, PERPETUAL",
        "tBTCF0:USDF0, BTC/USD:USD, PERPETUAL",
        "tDOGEF0:USTF0, DOGE/USDT:USDT, PERPETUAL",
        "tTESTBTCF0:TESTUSDTF0, TESTBTC/TESTUSDT:TESTUSDT, PERPETUAL",
    })
    void tradingPairsMapToUnifiedSymbolsAndBack(String raw, String unified, BitfinexSymbol.Kind kind) {
        BitfinexSymbol symbol = BitfinexSymbols.parse(raw);
        assertEquals(unified, symbol.unified());
        assertEquals(kind, symbol.kind());
        assertEquals(raw, BitfinexSymbols.toRaw(unified));
    }

    @Test
    void perpetualsAreApiPerpetualInstruments() {
        BitfinexSymbol perp = BitfinexSymbols.parse("tBTCF0:USTF0");
        assertEquals(InstrumentKind.PERPETUAL, perp.instrumentKind());
        assertEquals(new InstrumentId("bitfinex", "BTC/USDT:USDT"), perp.instrumentId());
        assertEquals("BTC", perp.instrumentId().base());
        assertEquals("USDT", perp.instrumentId().quote());
    }

    @Test
    void fundingSymbolsAreCurrenciesNotPairs() {
        BitfinexSymbol usd = BitfinexSymbols.parse("fUSD");
        assertTrue(usd.isFunding());
        assertEquals("USD", usd.base());
        assertEquals("USDT", BitfinexSymbols.parse("fUST").base());
        IllegalStateException e = assertThrows(IllegalStateException.class, usd::unified);
        assertEquals("fUSD is a funding currency, not a trading pair", e.getMessage());
        assertEquals("fUST", BitfinexSymbols.fundingSymbol("USDT"));
    }

    @Test
    void currencyAliasesResolveBothWays() {
        assertEquals("USDT", BitfinexSymbols.currency("UST"));
        assertEquals("USDC", BitfinexSymbols.currency("UDC"));
        assertEquals("BTC", BitfinexSymbols.currency("BTC"));
        assertEquals("UST", BitfinexSymbols.rawCurrency("USDT"));
        assertEquals("XRP", BitfinexSymbols.rawCurrency("XRP"));
        assertEquals("tBTC:CNHT", BitfinexSymbols.toRaw("BTC/CNHT"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "t", "BTCUSD", "xBTCUSD", "tBTCUSDT", "tBTC:", "t:USD", "tbtcusd", "tBTC:US-D", "f"})
    void malformedRawSymbolsAreRefused(String raw) {
        assertThrows(IllegalArgumentException.class, () -> BitfinexSymbols.parse(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"BTCUSD", "/USD", "BTC/", "BTC/USDT:USD", "btc/usd"})
    void malformedUnifiedSymbolsAreRefused(String unified) {
        assertThrows(IllegalArgumentException.class, () -> BitfinexSymbols.toRaw(unified));
    }
}
