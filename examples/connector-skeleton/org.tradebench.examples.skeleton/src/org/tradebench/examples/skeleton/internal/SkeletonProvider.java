package org.tradebench.examples.skeleton.internal;

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

/**
 * The Skeleton Exchange for tools ({@code tradebench stream --exchange skeleton}, {@code record},
 * {@code decode}) and for the conformance kit: opens private connectors with the tool's settings
 * and decodes recorded frames through the live pipeline. Always registered, also while the
 * workbench's connector is off.
 */
@Component(service = ConnectorProvider.class, property = ExchangeConnector.PROPERTY_EXCHANGE_ID + "="
        + SkeletonConnector.ID)
public final class SkeletonProvider implements ConnectorProvider {

    /** The one market. */
    public static final String MARKET = "spot";

    /** Created by DS (or by tests). */
    public SkeletonProvider() {
    }

    @Override
    public String exchangeId() {
        return SkeletonConnector.ID;
    }

    @Override
    public String displayName() {
        return SkeletonConnector.DISPLAY_NAME;
    }

    @Override
    public List<String> markets() {
        return List.of(MARKET);
    }

    @Override
    public List<ConnectorSetting> settings() {
        return SkeletonConfig.SETTINGS;
    }

    @Override
    public OpenConnector open(Map<String, String> settings, FrameTap tap) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(tap, "tap");
        return SkeletonConnector.start(SkeletonConfig.fromSettings(settings), tap);
    }

    @Override
    public StreamDecoder decoder(String market, DecodedEvents events) {
        Objects.requireNonNull(events, "events");
        if (!MARKET.equals(market)) {
            throw new IllegalArgumentException("the Skeleton Exchange has one market, '" + MARKET + "', not '" + market
                    + "'");
        }
        return new SkeletonStreamDecoder(events);
    }
}
