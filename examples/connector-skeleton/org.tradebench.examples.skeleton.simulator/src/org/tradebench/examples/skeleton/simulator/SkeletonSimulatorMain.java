package org.tradebench.examples.skeleton.simulator;

/**
 * Runs the simulator on its own, on the port the connector's default {@code ws.url} names (18765),
 * or on the one given: {@code java ... SkeletonSimulatorMain [port]}. Ends on Ctrl-C.
 */
public final class SkeletonSimulatorMain {

    private SkeletonSimulatorMain() {
    }

    /**
     * Starts the simulator and waits.
     *
     * @param args an optional port
     * @throws InterruptedException when interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 18765;
        SkeletonSimulator sim = SkeletonSimulator.start(SkeletonSimulator.Config.defaults().withPort(port));
        Runtime.getRuntime().addShutdownHook(new Thread(sim::close));
        System.out.println("Skeleton Exchange simulator on " + sim.webSocketUri());
        Thread.currentThread().join();
    }
}
