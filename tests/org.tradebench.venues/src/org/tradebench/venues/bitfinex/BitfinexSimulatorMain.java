package org.tradebench.venues.bitfinex;

import java.time.Duration;

import org.tradebench.connector.simulated.SimulatedExchangeConfig;

/**
 * Runs a Bitfinex simulator on loopback until the process is stopped, for trying the headless
 * commands or the workbench against it by hand:
 *
 * <pre>{@code
 * tests/org.tradebench.venues/run-bitfinex-simulator.sh 40      # prints the endpoints
 * ./tradebench stream --exchange bitfinex --symbols BTC/USD --book 25 --duration 10s --summary \
 *     --set ws.url=ws://127.0.0.1:PORT/ws/2 --set rest.url=http://127.0.0.1:PORT/v2/
 * }</pre>
 */
public final class BitfinexSimulatorMain {

    private BitfinexSimulatorMain() {
    }

    /**
     * Starts the simulator.
     *
     * @param args optional: market events per second (default 25)
     * @throws InterruptedException never in practice: the main thread waits until the process ends
     */
    public static void main(String[] args) throws InterruptedException {
        double rate = args.length > 0 ? Double.parseDouble(args[0]) : 25;
        BitfinexSimulator sim = BitfinexSimulator.start(BitfinexSimulatorConfig.defaults()
                .withHeartbeat(Duration.ofSeconds(15))
                .withMarket(SimulatedExchangeConfig.DEFAULTS.withEventsPerSecond(rate)));
        Runtime.getRuntime().addShutdownHook(new Thread(sim::close, "bitfinex-simulator-stop"));
        System.out.println("Bitfinex simulator: ws.url=" + sim.webSocketUri() + " rest.url=" + sim.restUri().resolve("v2/")
                + " symbols=" + sim.symbols());
        System.out.flush();
        Thread.currentThread().join();
    }
}
