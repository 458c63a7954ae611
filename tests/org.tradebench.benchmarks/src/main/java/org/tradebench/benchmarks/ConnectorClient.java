package org.tradebench.benchmarks;

/**
 * A client that is the product's connector with a listener ({@link TradebenchClient},
 * {@link BinanceTradebenchClient}): what the listener noted per update, for the latency figures.
 */
public interface ConnectorClient {

    /** The per-update timestamps: frame, listener call, transport receive stamp (read after the end). */
    LatencySamples samples();

    /** Updates the listener heard (snapshots and deltas; read after the end). */
    long updates();
}
