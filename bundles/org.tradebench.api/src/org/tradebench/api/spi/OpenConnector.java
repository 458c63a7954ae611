package org.tradebench.api.spi;

import org.osgi.annotation.versioning.ProviderType;
import org.tradebench.api.ExchangeConnector;

/**
 * A connector a tool opened for itself (not registered as a service): close it when done.
 */
@ProviderType
public interface OpenConnector extends AutoCloseable {

    /**
     * The connector.
     *
     * @return the running connector
     */
    ExchangeConnector connector();

    /** Closes its connections and threads. Never throws. */
    @Override
    void close();
}
