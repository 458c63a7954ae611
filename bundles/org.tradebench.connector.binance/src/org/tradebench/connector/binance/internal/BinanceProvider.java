package org.tradebench.connector.binance.internal;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.osgi.service.component.annotations.Component;
import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.spi.ConnectorProvider;
import org.tradebench.api.spi.ConnectorSetting;
import org.tradebench.api.spi.DecodedEvents;
import org.tradebench.api.spi.FrameTap;
import org.tradebench.api.spi.OpenConnector;
import org.tradebench.api.spi.StreamDecoder;
import org.tradebench.connector.binance.internal.decode.BinanceStreamDecoder;

/**
 * Binance for tools: one provider, two markets, {@code spot} (connector id {@code binance}) and
 * {@code usdm} (connector id {@code binance-usdm}). {@code open} takes the market from the
 * {@code market} setting (default spot) and the endpoints from {@code ws.url}, {@code ws.market.url}
 * (USD-M) and {@code rest.url}; {@code decoder} takes it from its argument. Always registered.
 */
@Component(service = ConnectorProvider.class, property = ExchangeConnector.PROPERTY_EXCHANGE_ID + "=binance")
public final class BinanceProvider implements ConnectorProvider {

    /** Created by DS. */
    public BinanceProvider() {
    }

    @Override
    public String exchangeId() {
        return BinanceMarket.SPOT.id();
    }

    @Override
    public String displayName() {
        return "Binance";
    }

    @Override
    public List<String> markets() {
        return List.of(BinanceMarket.SPOT.marketName(), BinanceMarket.USDM.marketName());
    }

    @Override
    public List<ConnectorSetting> settings() {
        return BinanceConfig.settings(BinanceMarket.SPOT);
    }

    @Override
    public OpenConnector open(Map<String, String> settings, FrameTap tap) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(tap, "tap");
        return BinanceConnector.start(BinanceConfig.fromSettings(settings), tap);
    }

    @Override
    public StreamDecoder decoder(String market, DecodedEvents events) {
        Objects.requireNonNull(events, "events");
        return new BinanceStreamDecoder(BinanceMarket.byName(market), events);
    }
}
