/**
 * The connector service provider interface for headless tools: how the command line, the
 * verification tool and tests open a connector of any exchange with their own settings, record its
 * raw frames, and decode recorded frames into API values with the same normaliser the live
 * connector uses, without knowing any exchange.
 *
 * <p>A connector bundle registers one {@link ConnectorProvider} OSGi service with the property
 * {@value org.tradebench.api.ExchangeConnector#PROPERTY_EXCHANGE_ID}. Tools find providers in the
 * service registry.
 *
 * <pre>{@code
 * ConnectorProvider p = providers.get("bitfinex");
 * try (OpenConnector c = p.open(Map.of("ws.url", "ws://127.0.0.1:8080/ws/2"), FrameTap.NONE)) {
 *     c.connector().marketData().subscribeBook(new BookRequest(btc, 25), update -> ...);
 * }
 * StreamDecoder d = p.decoder("spot", events);
 * d.decode(StreamDecoder.DEFAULT_SESSION, frameBytes, 0, frameBytes.length, receivedMillis);
 * }</pre>
 *
 * <p>Threading: {@link DecodedEvents} callbacks run on the thread that calls
 * {@link StreamDecoder#decode}; a decoder is used by one thread at a time. {@link FrameTap}
 * callbacks run on the network reader thread and must only copy the bytes.
 */
@Version("0.2.0")
package org.tradebench.api.spi;

import org.osgi.annotation.versioning.Version;
