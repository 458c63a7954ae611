package org.tradebench.connector.binance.internal;

import java.net.URI;
import java.util.Objects;

import org.tradebench.api.credentials.KeyEnvironment;

/**
 * Every address one Binance market connects to, for the live exchange or its testnet, in one place
 * so that choosing the testnet moves all of them together: market streams, REST, the WebSocket API
 * that carries orders, and the USD-M user data stream. (A testnet choice that moved the streams but
 * left the WebSocket API on the live exchange would send a testnet account's orders to the live
 * one.)
 *
 * <table>
 * <caption>The endpoints</caption>
 * <tr><th></th><th>spot</th><th>USD-M futures</th></tr>
 * <tr><td>live streams</td><td>{@code wss://stream.binance.com:9443/stream}</td>
 * <td>{@code wss://fstream.binance.com/public/stream}, {@code /market/stream}</td></tr>
 * <tr><td>live REST</td><td>{@code https://api.binance.com}</td><td>{@code https://fapi.binance.com}</td></tr>
 * <tr><td>live WebSocket API</td><td>{@code wss://ws-api.binance.com:443/ws-api/v3}</td>
 * <td>{@code wss://ws-fapi.binance.com/ws-fapi/v1}</td></tr>
 * <tr><td>live user data</td><td>(WebSocket API)</td><td>{@code wss://fstream.binance.com/private/ws?listenKey=K}</td></tr>
 * <tr><td>testnet streams</td><td>{@code wss://stream.testnet.binance.vision/stream}</td>
 * <td>{@code wss://fstream.binancefuture.com/stream} (both routes)</td></tr>
 * <tr><td>testnet REST</td><td>{@code https://testnet.binance.vision}</td>
 * <td>{@code https://testnet.binancefuture.com}</td></tr>
 * <tr><td>testnet WebSocket API</td><td>{@code wss://ws-api.testnet.binance.vision/ws-api/v3}</td>
 * <td>{@code wss://testnet.binancefuture.com/ws-fapi/v1}</td></tr>
 * <tr><td>testnet user data</td><td>(WebSocket API)</td><td>{@code wss://fstream.binancefuture.com/ws/K}</td></tr>
 * </table>
 *
 * @param streamPublic combined streams of depth and book tickers (spot: every stream)
 * @param streamMarket combined streams of the rest (spot: the same as streamPublic)
 * @param rest the REST host
 * @param wsApi the WebSocket API
 * @param wsPrivate USD-M user data: a path ending in {@code /private/ws} takes the listenKey as
 *        {@code ?listenKey=K}, any other ({@code /ws}) as a last path segment
 */
public record BinanceEndpoints(URI streamPublic, URI streamMarket, URI rest, URI wsApi, URI wsPrivate) {

    /** Validates. */
    public BinanceEndpoints {
        Objects.requireNonNull(streamPublic, "streamPublic");
        Objects.requireNonNull(streamMarket, "streamMarket");
        Objects.requireNonNull(rest, "rest");
        Objects.requireNonNull(wsApi, "wsApi");
        Objects.requireNonNull(wsPrivate, "wsPrivate");
    }

    /**
     * The endpoints of a market in an environment.
     *
     * @param market spot or USD-M
     * @param environment the live exchange or its testnet
     * @return the endpoints
     */
    public static BinanceEndpoints of(BinanceMarket market, KeyEnvironment environment) {
        boolean usdm = market == BinanceMarket.USDM;
        if (environment == KeyEnvironment.TESTNET) {
            return usdm
                    ? endpoints("wss://fstream.binancefuture.com/stream", "wss://fstream.binancefuture.com/stream",
                            "https://testnet.binancefuture.com", "wss://testnet.binancefuture.com/ws-fapi/v1",
                            "wss://fstream.binancefuture.com/ws")
                    : endpoints("wss://stream.testnet.binance.vision/stream",
                            "wss://stream.testnet.binance.vision/stream", "https://testnet.binance.vision",
                            "wss://ws-api.testnet.binance.vision/ws-api/v3", "wss://fstream.binancefuture.com/ws");
        }
        return usdm
                ? endpoints("wss://fstream.binance.com/public/stream", "wss://fstream.binance.com/market/stream",
                        "https://fapi.binance.com", "wss://ws-fapi.binance.com/ws-fapi/v1",
                        "wss://fstream.binance.com/private/ws")
                : endpoints("wss://stream.binance.com:9443/stream", "wss://stream.binance.com:9443/stream",
                        "https://api.binance.com", "wss://ws-api.binance.com:443/ws-api/v3",
                        "wss://fstream.binance.com/private/ws");
    }

    /**
     * The USD-M user data address of a listenKey.
     *
     * @param wsPrivate the user data base
     * @param listenKey the key
     * @return {@code .../private/ws?listenKey=K} for the 2026 route, {@code .../ws/K} otherwise
     */
    public static URI userData(URI wsPrivate, String listenKey) {
        String base = wsPrivate.toString();
        if (base.endsWith("/private/ws")) {
            return URI.create(base + "?listenKey=" + listenKey);
        }
        return URI.create((base.endsWith("/") ? base : base + "/") + listenKey);
    }

    private static BinanceEndpoints endpoints(String pub, String mkt, String rest, String wsApi, String wsPrivate) {
        return new BinanceEndpoints(URI.create(pub), URI.create(mkt), URI.create(rest), URI.create(wsApi),
                URI.create(wsPrivate));
    }
}
