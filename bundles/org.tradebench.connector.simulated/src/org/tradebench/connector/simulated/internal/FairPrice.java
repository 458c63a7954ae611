package org.tradebench.connector.simulated.internal;

/**
 * The synthetic "fair" price of one instrument: a mean-reverting random walk (an Ornstein-Uhlenbeck
 * process on the log price) around an anchor. Participants quote around it and trade towards it, so
 * the book and the trades follow it.
 *
 * <p>{@code x = ln(price / anchor)} moves by the exact OU step
 * {@code x' = x·e^(-θ·dt) + σ·sqrt((1 - e^(-2θ·dt)) / 2θ)·z}, so the path does not depend on how
 * often it is sampled (the event rate). A follower (the perpetual) is priced off its leader (BTC
 * spot) times its own process, a small basis.
 *
 * <p>Owned by the venue thread.
 */
final class FairPrice {

    /** Volatility of the log price per square root of a second (about 5% a day). */
    static final double SIGMA = 3e-5;
    /** Mean reversion rate per second: prices drift back to the anchor over a few hours. */
    static final double THETA = 1.0 / 7200;

    private final double anchor;
    private final double sigma;
    private final double theta;
    private final FairPrice leader;
    private double x;
    private long lastNanos;

    FairPrice(double anchor, double sigma, double theta, FairPrice leader) {
        this.anchor = anchor;
        this.sigma = sigma;
        this.theta = theta;
        this.leader = leader;
    }

    /** Moves the process to venue time {@code nanos}. */
    void advance(long nanos, SeededRandom random) {
        long dtNanos = nanos - lastNanos;
        if (dtNanos <= 0) {
            return;
        }
        lastNanos = nanos;
        double dt = dtNanos / 1e9;
        double decay = StrictMath.exp(-theta * dt);
        double sd = sigma * StrictMath.sqrt((1 - decay * decay) / (2 * theta));
        x = x * decay + sd * random.nextGaussian();
    }

    /** The fair price now. */
    double price() {
        double base = leader == null ? anchor : leader.price() * anchor;
        return base * StrictMath.exp(x);
    }
}
