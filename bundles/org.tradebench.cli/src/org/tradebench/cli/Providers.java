package org.tradebench.cli;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.tradebench.api.spi.ConnectorProvider;

/**
 * The installed connectors, by exchange id: what the commands look {@code --exchange ID} up in.
 * In the product they are the {@link ConnectorProvider} OSGi services ({@link OsgiProviders}); in
 * tests a fixed list.
 *
 * <pre>{@code
 * Providers providers = Providers.of(new FakeProvider());
 * ConnectorProvider p = providers.find("fake").orElseThrow();
 * }</pre>
 *
 * <p>Implemented by this bundle and by tests. Thread-safe.
 */
public interface Providers {

    /**
     * The provider of an exchange.
     *
     * @param exchangeId for example {@code "simulated"}
     * @return the provider, or empty when none is installed
     */
    Optional<ConnectorProvider> find(String exchangeId);

    /**
     * Every installed provider.
     *
     * @return the providers, by exchange id
     */
    List<ConnectorProvider> all();

    /**
     * A fixed list.
     *
     * @param providers the providers
     * @return the lookup
     */
    static Providers of(ConnectorProvider... providers) {
        List<ConnectorProvider> list = Arrays.stream(providers).sorted(Comparator.comparing(ConnectorProvider::exchangeId))
                .toList();
        return new Providers() {
            @Override
            public Optional<ConnectorProvider> find(String exchangeId) {
                return list.stream().filter(p -> p.exchangeId().equals(exchangeId)).findFirst();
            }

            @Override
            public List<ConnectorProvider> all() {
                return list;
            }
        };
    }
}
