package org.tradebench.connector.bitfinex.internal.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * Bitfinex's numeric client order id ({@code cid}, an integer of at most 45 bits, unique per UTC
 * day {@code cid_date}) derived from the API's client order id: the top 45 bits of SHA-256 of its
 * UTF-8 text. Deterministic, so the same client order id names the same Bitfinex order after a
 * restart of the connector or of the workbench, without a stored mapping.
 *
 * <p>Collisions: two different client order ids share a cid with probability 2<sup>-45</sup>;
 * among n orders of one day some pair collides with probability about n²/2<sup>46</sup>
 * (1,000 orders a day: 1.4 × 10<sup>-8</sup>; 100,000: 1.4 × 10<sup>-4</sup>). A collision on the
 * same day makes Bitfinex treat the second order as the first's cid; the connector then refuses
 * to track it under the second id (the order ids differ).
 *
 * <pre>{@code
 * long cid = BitfinexCid.of("gw-7f3a-0001");            // same value in every run
 * String day = BitfinexCid.date(Instant.now());         // "2026-12-04"
 * }</pre>
 */
public final class BitfinexCid {

    /** The largest cid: 2^45 - 1. */
    public static final long MAX = (1L << 45) - 1;

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private BitfinexCid() {
    }

    /**
     * The cid of a client order id.
     *
     * @param clientOrderId the API's client order id
     * @return a value in 1..2^45-1
     */
    public static long of(String clientOrderId) {
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        byte[] h;
        try {
            h = MessageDigest.getInstance("SHA-256").digest(clientOrderId.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (h[i] & 0xFF);
        }
        long cid = v >>> (64 - 45);
        return cid == 0 ? 1 : cid;
    }

    /**
     * The {@code cid_date} of an order sent at a time: its UTC day.
     *
     * @param sent when the order was sent
     * @return for example {@code 2026-12-04}
     */
    public static String date(Instant sent) {
        return DATE.format(sent);
    }
}
