package org.tradebench.connector.bitfinex.tests.unit;

import java.math.BigDecimal;
import java.util.List;

import org.tradebench.api.instrument.Instrument;
import org.tradebench.connector.bitfinex.internal.BitfinexCatalog;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexConf;

/** Instruments as the catalog builds them from Bitfinex's configuration answer. */
final class Instruments {

    private Instruments() {
    }

    /**
     * One instrument.
     *
     * @param raw the Bitfinex symbol, for example {@code tBTCUSD} or {@code tBTCF0:USTF0}
     * @return the instrument, with the order size limits Bitfinex lists for BTC pairs
     */
    static Instrument of(String raw) {
        List<Instrument> one = BitfinexCatalog.build(List.of(new BitfinexConf.BitfinexPairInfo(raw,
                new BigDecimal("0.00004"), new BigDecimal("2000"), raw.contains("F0:"))));
        if (one.isEmpty()) {
            throw new IllegalArgumentException(raw + " is not an instrument the catalog builds");
        }
        return one.get(0);
    }
}
