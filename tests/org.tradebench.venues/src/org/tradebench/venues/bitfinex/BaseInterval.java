package org.tradebench.venues.bitfinex;

import org.tradebench.api.market.CandleInterval;

/** The venue's candle intervals the Bitfinex timeframes are built from. */
enum BaseInterval {
    M1(CandleInterval.M1),
    M5(CandleInterval.M5),
    M15(CandleInterval.M15),
    H1(CandleInterval.H1),
    D1(CandleInterval.D1);

    final CandleInterval interval;

    BaseInterval(CandleInterval interval) {
        this.interval = interval;
    }
}
