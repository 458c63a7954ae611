package org.tradebench.ui.core;

/**
 * Removes a listener when closed. Closing twice does nothing; closing never throws.
 *
 * <pre>{@code
 * Registration r = InstrumentLinkGroup.DEFAULT.addListener(this::showInstrument);
 * ...
 * r.close(); // in dispose()
 * }</pre>
 */
@FunctionalInterface
public interface Registration extends AutoCloseable {

    /** Removes the listener. */
    @Override
    void close();
}
