package org.tradebench.venues.binance;

import org.tradebench.connector.simulated.SimulatedExchangeConfig;

/**
 * Runs a Binance spot and a Binance USD-M futures simulator on loopback until the process is
 * stopped, for trying a connector, the headless commands or the workbench against them by hand:
 *
 * <pre>{@code
 * tests/org.tradebench.venues/run-binance-simulator.sh 40      # prints the endpoints
 * websocat 'ws://127.0.0.1:PORT/stream?streams=btcusdt@bookTicker/btcusdt@aggTrade'
 * curl 'http://127.0.0.1:PORT/api/v3/depth?symbol=BTCUSDT&limit=10'
 * curl 'http://127.0.0.1:FPORT/fapi/v1/premiumIndex?symbol=BTCUSDT'
 * }</pre>
 */
public final class BinanceSimulatorMain {

    private BinanceSimulatorMain() {
    }

    /**
     * Starts both simulators.
     *
     * @param args optional: market events per second (default 25)
     * @throws InterruptedException never in practice: the main thread waits until the process ends
     */
    public static void main(String[] args) throws InterruptedException {
        double rate = args.length > 0 ? Double.parseDouble(args[0]) : 25;
        SimulatedExchangeConfig market = SimulatedExchangeConfig.DEFAULTS.withEventsPerSecond(rate);
        BinanceSimulator spot = BinanceSimulator.start(BinanceSimulatorConfig.spot().withMarket(market));
        BinanceSimulator futures = BinanceSimulator.start(BinanceSimulatorConfig.usdmFutures().withMarket(market));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            spot.close();
            futures.close();
        }, "binance-simulator-stop"));
        System.out.println("Binance spot simulator: streams=" + spot.webSocketUri() + " (/ws/<stream>, /stream?streams=)"
                + " rest=" + spot.restUri() + "api/v3/ symbols=" + spot.symbols());
        System.out.println("Binance USD-M futures simulator: streams=" + futures.webSocketUri()
                + " (/public/ws/<stream>, /market/stream?streams=) rest=" + futures.restUri() + "fapi/v1/ symbols="
                + futures.symbols());
        System.out.flush();
        Thread.currentThread().join();
    }
}
