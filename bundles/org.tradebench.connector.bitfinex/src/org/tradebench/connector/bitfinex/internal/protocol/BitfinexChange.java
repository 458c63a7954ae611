package org.tradebench.connector.bitfinex.internal.protocol;

/**
 * What an account update says happened to an order or a position: {@code on}/{@code pn} new,
 * {@code ou}/{@code pu} update, {@code oc}/{@code pc} closed (an order closes when it is cancelled
 * or fully executed; its status says which).
 */
public enum BitfinexChange {
    /** {@code on} or {@code pn}. */
    NEW,
    /** {@code ou} or {@code pu}. */
    UPDATE,
    /** {@code oc} or {@code pc}. */
    CLOSE
}
