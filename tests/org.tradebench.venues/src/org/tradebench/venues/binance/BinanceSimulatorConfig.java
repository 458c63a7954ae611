package org.tradebench.venues.binance;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.tradebench.connector.simulated.SimulatedExchangeConfig;

/**
 * How a {@link BinanceSimulator} behaves. Start from {@link #spot()} or {@link #usdmFutures()},
 * which carry Binance's documented limits for that product:
 *
 * <pre>{@code
 * BinanceSimulatorConfig config = BinanceSimulatorConfig.spot()
 *         .withManualClock(Instant.parse("2025-01-27T10:00:00Z"))
 *         .withPing(Duration.ofSeconds(1), Duration.ofSeconds(3))     // short intervals for a test
 *         .withConnectionLifetime(Duration.ofMinutes(1));
 * }</pre>
 *
 * @param product spot ({@code stream.binance.com} / {@code api.binance.com}) or USD-M futures
 *        ({@code fstream.binance.com} / {@code fapi.binance.com})
 * @param market the simulated venue's seed and order-flow rate
 * @param manualClock true: venue time moves only through {@link BinanceSimulator#advance}; false:
 *        it follows the wall clock (ticks every 10 ms)
 * @param epoch venue time 0 with a manual clock (the real-time clock starts at "now")
 * @param pingInterval venue time between two server ping frames on a connection (spot 20 s,
 *        futures 3 min)
 * @param pongTimeout venue time after an unanswered ping at which the server drops the connection
 *        (spot 1 min, futures 10 min)
 * @param connectionLifetime venue time after which the server closes a connection (Binance: 24 h)
 * @param incomingMessagesPerSecond text, ping and pong frames a connection may send per second of
 *        wall-clock time; the connection is dropped at the next one (spot 5, futures 10)
 * @param streamsPerConnection streams one connection may hold (Binance: 1024)
 * @param requestWeightPerMinute REST request weight allowed per minute of venue time (spot 6000,
 *        futures 2400); beyond it HTTP 429, and requests during the back-off get HTTP 418
 * @param banDuration how long an HTTP 418 ban lasts, in venue time
 */
public record BinanceSimulatorConfig(Product product, SimulatedExchangeConfig market, boolean manualClock,
        Instant epoch, Duration pingInterval, Duration pongTimeout, Duration connectionLifetime,
        int incomingMessagesPerSecond, int streamsPerConnection, int requestWeightPerMinute, Duration banDuration) {

    /** The Binance product a simulator speaks. */
    public enum Product {
        /** Binance spot: {@code /ws}, {@code /stream}, {@code /api/v3/...}. */
        SPOT,
        /**
         * Binance USD-M futures: {@code /public/...}, {@code /market/...} (and the legacy
         * {@code /ws}, {@code /stream}), {@code /fapi/v1/...}.
         */
        USDM_FUTURES
    }

    /** Validates. */
    public BinanceSimulatorConfig {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(epoch, "epoch");
        positive(pingInterval, "pingInterval");
        positive(pongTimeout, "pongTimeout");
        positive(connectionLifetime, "connectionLifetime");
        positive(banDuration, "banDuration");
        if (incomingMessagesPerSecond < 1 || streamsPerConnection < 1 || requestWeightPerMinute < 1) {
            throw new IllegalArgumentException("limits must be >= 1");
        }
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0, was " + d);
        }
    }

    /**
     * Binance spot: real-time clock, the venue's defaults (seed 42), pings every 20 s answered
     * within 1 min, 24 h connections, 5 incoming messages a second, 1024 streams, request weight
     * 6000 a minute, 2 min bans.
     *
     * @return the defaults
     */
    public static BinanceSimulatorConfig spot() {
        return new BinanceSimulatorConfig(Product.SPOT, SimulatedExchangeConfig.DEFAULTS, false,
                Instant.parse("2025-01-27T10:00:00Z"), Duration.ofSeconds(20), Duration.ofMinutes(1),
                Duration.ofHours(24), 5, 1024, 6000, Duration.ofMinutes(2));
    }

    /**
     * Binance USD-M futures: as {@link #spot()}, but pings every 3 min answered within 10 min, 10
     * incoming messages a second and request weight 2400 a minute.
     *
     * @return the defaults
     */
    public static BinanceSimulatorConfig usdmFutures() {
        return new BinanceSimulatorConfig(Product.USDM_FUTURES, SimulatedExchangeConfig.DEFAULTS, false,
                Instant.parse("2025-01-27T10:00:00Z"), Duration.ofMinutes(3), Duration.ofMinutes(10),
                Duration.ofHours(24), 10, 1024, 2400, Duration.ofMinutes(2));
    }

    /** @param config the venue's configuration @return a copy */
    public BinanceSimulatorConfig withMarket(SimulatedExchangeConfig config) {
        return new BinanceSimulatorConfig(product, config, manualClock, epoch, pingInterval, pongTimeout,
                connectionLifetime, incomingMessagesPerSecond, streamsPerConnection, requestWeightPerMinute,
                banDuration);
    }

    /** @param start venue time 0 @return a copy whose time moves only through {@code advance} */
    public BinanceSimulatorConfig withManualClock(Instant start) {
        return new BinanceSimulatorConfig(product, market, true, start, pingInterval, pongTimeout, connectionLifetime,
                incomingMessagesPerSecond, streamsPerConnection, requestWeightPerMinute, banDuration);
    }

    /** @param interval between pings @param timeout for the pong @return a copy */
    public BinanceSimulatorConfig withPing(Duration interval, Duration timeout) {
        return new BinanceSimulatorConfig(product, market, manualClock, epoch, interval, timeout, connectionLifetime,
                incomingMessagesPerSecond, streamsPerConnection, requestWeightPerMinute, banDuration);
    }

    /** @param lifetime after which the server closes a connection @return a copy */
    public BinanceSimulatorConfig withConnectionLifetime(Duration lifetime) {
        return new BinanceSimulatorConfig(product, market, manualClock, epoch, pingInterval, pongTimeout, lifetime,
                incomingMessagesPerSecond, streamsPerConnection, requestWeightPerMinute, banDuration);
    }

    /** @param messagesPerSecond incoming limit @param streams per connection @return a copy */
    public BinanceSimulatorConfig withConnectionLimits(int messagesPerSecond, int streams) {
        return new BinanceSimulatorConfig(product, market, manualClock, epoch, pingInterval, pongTimeout,
                connectionLifetime, messagesPerSecond, streams, requestWeightPerMinute, banDuration);
    }

    /** @param weightPerMinute REST weight limit @param ban how long a 418 ban lasts @return a copy */
    public BinanceSimulatorConfig withRequestWeightLimit(int weightPerMinute, Duration ban) {
        return new BinanceSimulatorConfig(product, market, manualClock, epoch, pingInterval, pongTimeout,
                connectionLifetime, incomingMessagesPerSecond, streamsPerConnection, weightPerMinute, ban);
    }
}
