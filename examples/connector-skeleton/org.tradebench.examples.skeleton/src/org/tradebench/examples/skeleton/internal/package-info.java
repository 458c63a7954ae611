/**
 * The Skeleton Exchange connector, an example written the way a third party writes a connector:
 * against the published API, the connector toolkit, the transport and core's order book only.
 * {@link org.tradebench.examples.skeleton.internal.SkeletonConnector} (the {@link
 * org.tradebench.api.ExchangeConnector}, also an {@link org.tradebench.api.spi.OpenConnector} for
 * tools), its DS component ({@link
 * org.tradebench.examples.skeleton.internal.SkeletonConnectorComponent}), the tools' entry point
 * ({@link org.tradebench.examples.skeleton.internal.SkeletonProvider}) with the decoder of recorded
 * frames ({@link org.tradebench.examples.skeleton.internal.SkeletonStreamDecoder}), the configuration
 * ({@link org.tradebench.examples.skeleton.internal.SkeletonConfig}), the instruments (the toolkit's {@link
 * org.tradebench.connector.support.stream.InstrumentDirectory}) and the market data on one WebSocket
 * ({@link org.tradebench.examples.skeleton.internal.SkeletonMarketData}).
 *
 * <p>Threading: the connector runs on the toolkit's
 * {@link org.tradebench.connector.support.ConnectorRuntime} ("skeleton"): mutable state is guarded
 * by the runtime lock, which the Jetty reader thread takes to decode a frame in place and the
 * control thread ({@code skeleton-connector}) takes for socket events and requests; every listener
 * callback and every future runs on the delivery thread ({@code skeleton-delivery}), in order per
 * subscription. Public methods may be called from any thread. Parameters and results are non-null
 * unless documented.
 */
package org.tradebench.examples.skeleton.internal;
