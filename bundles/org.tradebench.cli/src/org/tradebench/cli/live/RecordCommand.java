package org.tradebench.cli.live;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.tradebench.api.health.ConnectionHealth;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.health.DataHealth;
import org.tradebench.api.health.DataState;
import org.tradebench.api.health.HealthListener;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.BookListener;
import org.tradebench.api.market.BookUpdate;
import org.tradebench.api.market.Ticker;
import org.tradebench.api.market.TickerListener;
import org.tradebench.api.market.Trade;
import org.tradebench.api.market.TradeListener;
import org.tradebench.api.spi.ConnectorProvider;
import org.tradebench.cli.args.UsageException;
import org.tradebench.cli.recording.RecordingWriter;

/**
 * {@code tradebench record --exchange ID --symbols S[,S..] [--book DEPTH] [--trades] [--ticker]
 * --duration D --out F [--market M] [--set KEY=VALUE ..]}: opens a connector of its own with a
 * {@link RecordingWriter} as its frame tap, subscribes the streams (so that the exchange sends
 * them), and writes every raw frame with its receive time and session into F until the duration
 * has passed or the user interrupts; then closes everything and says on standard error how many
 * frames were written. {@code replay} reads the file.
 *
 * <pre>{@code
 * int status = new RecordCommand(provider, request, StopSignal.onShutdown(Duration.ofSeconds(10)),
 *         Duration.ofSeconds(10)).run(System.err);
 * }</pre>
 *
 * <p>Frames are copied on the network thread and written by the recorder's own thread; connection
 * state changes and failed streams are reported on standard error from delivery threads.
 */
public final class RecordCommand {

    private final ConnectorProvider provider;
    private final LiveRequest request;
    private final StopSignal stop;
    private final Duration instrumentWait;

    /**
     * Creates the command.
     *
     * @param provider the exchange's connector provider
     * @param request what to record; {@link LiveRequest#out()} is required
     * @param stop ends the run
     * @param instrumentWait how long to wait for the connector's instrument list
     */
    public RecordCommand(ConnectorProvider provider, LiveRequest request, StopSignal stop, Duration instrumentWait) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.request = Objects.requireNonNull(request, "request");
        Objects.requireNonNull(request.out(), "request.out");
        this.stop = Objects.requireNonNull(stop, "stop");
        this.instrumentWait = Objects.requireNonNull(instrumentWait, "instrumentWait");
    }

    /**
     * Runs the recording.
     *
     * @param err progress and the frame count
     * @return 0, or 1 when the file could not be written or the connector could not be opened
     * @throws UsageException when the connector refuses a setting or does not list a symbol (the
     *         file is then removed)
     */
    public int run(PrintStream err) throws UsageException {
        String exchange = provider.exchangeId();
        RecordingWriter recording;
        try {
            recording = RecordingWriter.start(request.out(), exchange, request.market());
        } catch (IOException e) {
            err.println("tradebench record: cannot create " + request.out() + ": " + e.getMessage());
            return 1;
        }
        boolean keep = false;
        try {
            LiveSession session;
            try {
                session = LiveSession.open(provider, request.settings(), recording);
            } catch (RuntimeException e) {
                err.println("tradebench record: cannot open the " + exchange + " connector: " + e.getMessage());
                return 1;
            }
            try (session) {
                List<InstrumentId> ids = session.resolve(request.symbols(), instrumentWait, err);
                keep = true;
                session.keep(session.connector().subscribeHealth(new StateReport(err)));
                session.subscribe(request, ids, new LiveSession.Listeners() {
                    @Override
                    public BookListener book(InstrumentId id) {
                        return new BookListener() {
                            @Override
                            public void onBook(BookUpdate update) {
                                // the tap has the frame already
                            }

                            @Override
                            public void onHealth(DataHealth health) {
                                failed(err, id, "book", health);
                            }
                        };
                    }

                    @Override
                    public TradeListener trades(InstrumentId id) {
                        return new TradeListener() {
                            @Override
                            public void onTrade(Trade trade) {
                                // the tap has the frame already
                            }

                            @Override
                            public void onHealth(DataHealth health) {
                                failed(err, id, "trades", health);
                            }
                        };
                    }

                    @Override
                    public TickerListener ticker(InstrumentId id) {
                        return new TickerListener() {
                            @Override
                            public void onTicker(Ticker ticker) {
                                // the tap has the frame already
                            }

                            @Override
                            public void onHealth(DataHealth health) {
                                failed(err, id, "ticker", health);
                            }
                        };
                    }
                });
                stop.await(request.duration());
            }
            // The connector is closed: no frame comes any more.
            recording.finish();
        } catch (IOException e) {
            err.println("tradebench record: cannot write " + request.out() + ": " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("tradebench record: interrupted");
            return 1;
        } finally {
            recording.close();
            if (!keep) {
                deleteQuietly(recording);
            }
        }
        err.println("tradebench record: wrote " + recording.written() + " frames to " + request.out()
                + (recording.dropped() > 0 ? " (" + recording.dropped() + " dropped: the disk could not keep up)" : ""));
        return 0;
    }

    private static void failed(PrintStream err, InstrumentId id, String stream, DataHealth health) {
        if (health.state() == DataState.FAILED) {
            err.println("tradebench record: the " + stream + " stream of " + id.symbol() + " failed: " + health.cause());
        }
    }

    private static void deleteQuietly(RecordingWriter recording) {
        try {
            Files.deleteIfExists(recording.file());
        } catch (IOException e) {
            // an empty recording left behind is harmless
        }
    }

    /** Connection state changes on standard error, so that a long recording shows its progress. */
    private static final class StateReport implements HealthListener {

        private final PrintStream err;
        private ConnectionState state;

        StateReport(PrintStream err) {
            this.err = err;
        }

        @Override
        public synchronized void onHealth(ConnectionHealth h) {
            if (h.state() != state) {
                state = h.state();
                err.println("tradebench record: " + h.state().wireName() + (h.cause().isEmpty() ? "" : ": " + h.cause()));
            }
        }
    }
}
