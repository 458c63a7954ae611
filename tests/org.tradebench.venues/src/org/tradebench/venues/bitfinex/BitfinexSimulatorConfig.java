package org.tradebench.venues.bitfinex;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.tradebench.connector.simulated.SimulatedExchangeConfig;

/**
 * How a {@link BitfinexSimulator} behaves. Start from {@link #defaults()}:
 *
 * <pre>{@code
 * BitfinexSimulatorConfig config = BitfinexSimulatorConfig.defaults()
 *         .withCredentials("test-key", "test-secret")
 *         .withHeartbeat(Duration.ofSeconds(1))
 *         .withManualClock(Instant.parse("2025-01-27T10:00:00Z"));
 * }</pre>
 *
 * @param market the simulated venue's seed, order-flow rate, paper balance and leverage
 * @param manualClock true: venue time moves only through {@link BitfinexSimulator#advance};
 *        false: it follows the wall clock (ticks every 10 ms)
 * @param epoch venue time 0 (with a manual clock; the real-time clock starts at "now")
 * @param apiKey the accepted API key
 * @param apiSecret the secret the key's signatures are made with (never logged)
 * @param heartbeat silence after which an idle channel gets {@code [chanId,"hb"]} (Bitfinex: 15 s)
 * @param tickerInterval the least time between two ticker updates of one channel
 * @param connectionsPerMinute WebSocket upgrades accepted per rolling minute (Bitfinex public: 20);
 *        further ones are answered HTTP 429
 * @param restRequestsPerMinute REST requests accepted per endpoint and rolling minute (Bitfinex:
 *        10 to 90); further ones get 429 {@code ["error",11010,"ratelimit: error"]}
 */
public record BitfinexSimulatorConfig(SimulatedExchangeConfig market, boolean manualClock, Instant epoch,
        String apiKey, String apiSecret, Duration heartbeat, Duration tickerInterval, int connectionsPerMinute,
        int restRequestsPerMinute) {

    /** Validates. */
    public BitfinexSimulatorConfig {
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(epoch, "epoch");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(apiSecret, "apiSecret");
        Objects.requireNonNull(heartbeat, "heartbeat");
        Objects.requireNonNull(tickerInterval, "tickerInterval");
        if (heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("heartbeat must be > 0, was " + heartbeat);
        }
        if (connectionsPerMinute < 1 || restRequestsPerMinute < 1) {
            throw new IllegalArgumentException("limits must be >= 1");
        }
    }

    /**
     * Real-time clock, the venue's defaults (seed 42), key {@code "sim-key"} with secret
     * {@code "sim-secret"}, heartbeats every 15 s, tickers at most once a second, 20 connections
     * and 90 REST requests per endpoint a minute.
     *
     * @return the defaults
     */
    public static BitfinexSimulatorConfig defaults() {
        return new BitfinexSimulatorConfig(SimulatedExchangeConfig.DEFAULTS, false,
                Instant.parse("2025-01-27T10:00:00Z"), "sim-key", "sim-secret", Duration.ofSeconds(15),
                Duration.ofSeconds(1), 20, 90);
    }

    /** @param config the venue's configuration @return a copy */
    public BitfinexSimulatorConfig withMarket(SimulatedExchangeConfig config) {
        return new BitfinexSimulatorConfig(config, manualClock, epoch, apiKey, apiSecret, heartbeat, tickerInterval,
                connectionsPerMinute, restRequestsPerMinute);
    }

    /** @param start venue time 0 @return a copy whose time moves only through {@code advance} */
    public BitfinexSimulatorConfig withManualClock(Instant start) {
        return new BitfinexSimulatorConfig(market, true, start, apiKey, apiSecret, heartbeat, tickerInterval,
                connectionsPerMinute, restRequestsPerMinute);
    }

    /** @param key API key @param secret API secret @return a copy */
    public BitfinexSimulatorConfig withCredentials(String key, String secret) {
        return new BitfinexSimulatorConfig(market, manualClock, epoch, key, secret, heartbeat, tickerInterval,
                connectionsPerMinute, restRequestsPerMinute);
    }

    /** @param interval heartbeat interval @return a copy */
    public BitfinexSimulatorConfig withHeartbeat(Duration interval) {
        return new BitfinexSimulatorConfig(market, manualClock, epoch, apiKey, apiSecret, interval, tickerInterval,
                connectionsPerMinute, restRequestsPerMinute);
    }

    /** @param interval least time between ticker updates @return a copy */
    public BitfinexSimulatorConfig withTickerInterval(Duration interval) {
        return new BitfinexSimulatorConfig(market, manualClock, epoch, apiKey, apiSecret, heartbeat, interval,
                connectionsPerMinute, restRequestsPerMinute);
    }

    /** @param connections per minute @param restRequests per endpoint per minute @return a copy */
    public BitfinexSimulatorConfig withLimits(int connections, int restRequests) {
        return new BitfinexSimulatorConfig(market, manualClock, epoch, apiKey, apiSecret, heartbeat, tickerInterval,
                connections, restRequests);
    }

    @Override
    public String toString() {
        // The secret stays out of logs and test reports.
        return "BitfinexSimulatorConfig[market=" + market + ", manualClock=" + manualClock + ", epoch=" + epoch
                + ", apiKey=" + apiKey + ", apiSecret=***, heartbeat=" + heartbeat + ", tickerInterval="
                + tickerInterval + ", connectionsPerMinute=" + connectionsPerMinute + ", restRequestsPerMinute="
                + restRequestsPerMinute + "]";
    }
}
