package org.tradebench.app.internal;

import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.trading.AccountRef;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderGateway;
import org.tradebench.api.trading.TradingAccount;

/**
 * What closing Tradebench leaves unwatched: the take-profit and stop-loss legs the order gateway
 * holds locally (they are kept and re-armed on the next start, but nothing triggers them while
 * Tradebench is closed).
 */
final class LocalExitsOnClose {

    private LocalExitsOnClose() {
    }

    /**
     * The armed local legs of every trading account of the running connectors.
     *
     * @return the legs, empty when there are none or the gateway is not running
     */
    static List<Order> armed() {
        var bundle = FrameworkUtil.getBundle(LocalExitsOnClose.class);
        BundleContext context = bundle == null ? null : bundle.getBundleContext();
        if (context == null) {
            return List.of();
        }
        List<Order> out = new ArrayList<>();
        ServiceReference<OrderGateway> gatewayRef = context.getServiceReference(OrderGateway.class);
        OrderGateway gateway = gatewayRef == null ? null : context.getService(gatewayRef);
        if (gateway == null) {
            return List.of();
        }
        try {
            for (ServiceReference<ExchangeConnector> ref : context.getServiceReferences(ExchangeConnector.class,
                    null)) {
                ExchangeConnector c = context.getService(ref);
                if (c == null) {
                    continue;
                }
                try {
                    for (TradingAccount a : c.tradingAccounts()) {
                        out.addAll(gateway.localOrders(AccountRef.of(a)));
                    }
                } catch (RuntimeException goingAway) {
                    // a connector stopping right now: its legs stay in the journal either way
                } finally {
                    context.ungetService(ref);
                }
            }
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        } finally {
            context.ungetService(gatewayRef);
        }
        return out;
    }

    /**
     * The question to ask before closing, or null when nothing would be left unwatched.
     *
     * @param legs the armed local legs
     * @return the text
     */
    static String question(List<Order> legs) {
        if (legs.isEmpty()) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        b.append(legs.size()).append(legs.size() == 1 ? " take-profit/stop-loss leg is" : " take-profit/stop-loss legs are")
                .append(" held by Tradebench (local exits) and will not be watched while it is closed:\n\n");
        int shown = 0;
        for (Order o : legs) {
            if (shown++ == 8) {
                b.append("  ...\n");
                break;
            }
            b.append("  ").append(o.request().role().wireName()).append(' ').append(o.side().wireName()).append(' ')
                    .append(o.request().quantity().toPlainString()).append(' ').append(o.instrument())
                    .append(" at ").append(o.request().triggerPrice().toPlainString()).append(" (entry ")
                    .append(o.request().parentClientOrderId()).append(")\n");
        }
        b.append("\nThey are kept and re-armed when Tradebench starts again. Close anyway?");
        return b.toString();
    }
}
