package org.tradebench.connector.binance.internal;

import java.time.Duration;

import org.tradebench.api.instrument.InstrumentKind;

/**
 * The two Binance markets this bundle connects: spot ({@code binance}) and USD-M perpetual futures
 * ({@code binance-usdm}). They share the stream protocol (combined streams, live SUBSCRIBE) and
 * differ in endpoints, REST paths, the book rule, and what they publish.
 */
public enum BinanceMarket {

    /** Spot pairs, {@code BTC/USDT}. */
    SPOT("binance", "Binance", "spot", "/api/v3/", 5000, 5, InstrumentKind.SPOT),
    /** USD-M perpetuals, {@code BTC/USDT:USDT}. */
    USDM("binance-usdm", "Binance USD-M Futures", "usdm", "/fapi/v1/", 1000, 10, InstrumentKind.PERPETUAL);

    private final String id;
    private final String displayName;
    private final String marketName;
    private final String restPrefix;
    private final int depthLimit;
    private final int messagesPerSecond;
    private final InstrumentKind kind;

    BinanceMarket(String id, String displayName, String marketName, String restPrefix, int depthLimit,
            int messagesPerSecond, InstrumentKind kind) {
        this.id = id;
        this.displayName = displayName;
        this.marketName = marketName;
        this.restPrefix = restPrefix;
        this.depthLimit = depthLimit;
        this.messagesPerSecond = messagesPerSecond;
        this.kind = kind;
    }

    /** The connector id: {@code binance} or {@code binance-usdm}. */
    public String id() {
        return id;
    }

    /** A name for people. */
    public String displayName() {
        return displayName;
    }

    /** The provider's market name: {@code spot} or {@code usdm}. */
    public String marketName() {
        return marketName;
    }

    /** The REST path prefix: {@code /api/v3/} or {@code /fapi/v1/}. */
    public String restPrefix() {
        return restPrefix;
    }

    /** The largest depth snapshot the REST endpoint returns (5000 spot, 1000 futures). */
    public int maxDepthLimit() {
        return depthLimit;
    }

    /**
     * Messages a client may send a stream connection per second (spot: 5, futures: 10); SUBSCRIBE
     * and UNSUBSCRIBE count.
     */
    public int messagesPerSecond() {
        return messagesPerSecond;
    }

    /** The kind of every instrument of this market. */
    public InstrumentKind kind() {
        return kind;
    }

    /** Whether this market publishes mark prices, funding and liquidations. */
    public boolean derivatives() {
        return this == USDM;
    }

    /** Binance ends every stream connection after 24 hours. */
    public static Duration connectionLifetime() {
        return Duration.ofHours(24);
    }

    /**
     * The market by its provider name.
     *
     * @param name {@code spot} or {@code usdm}
     * @return the market
     * @throws IllegalArgumentException for another name
     */
    public static BinanceMarket byName(String name) {
        for (BinanceMarket m : values()) {
            if (m.marketName.equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("Binance has the markets 'spot' and 'usdm', not '" + name + "'");
    }
}
