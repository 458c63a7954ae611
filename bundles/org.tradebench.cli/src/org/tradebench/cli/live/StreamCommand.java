package org.tradebench.cli.live;

import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.health.ConnectionHealth;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.health.DataHealth;
import org.tradebench.api.health.DataState;
import org.tradebench.api.health.HealthListener;
import org.tradebench.api.health.SessionHealth;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.BookListener;
import org.tradebench.api.market.BookUpdate;
import org.tradebench.api.market.Ticker;
import org.tradebench.api.market.TickerListener;
import org.tradebench.api.market.Trade;
import org.tradebench.api.market.TradeListener;
import org.tradebench.api.spi.ConnectorProvider;
import org.tradebench.api.spi.FrameTap;
import org.tradebench.cli.args.UsageException;
import org.tradebench.cli.json.EventJson;

/**
 * {@code tradebench stream --exchange ID --symbols S[,S..] [--book DEPTH] [--trades] [--ticker]
 * [--duration D] [--summary] [--set KEY=VALUE ..]}: opens a connector of its own with the settings,
 * subscribes the streams, and prints its live events as JSON lines: book updates, trades, tickers,
 * and a {@code status} line whenever the connector's state or a session's state changes (with
 * {@code "session"}), or a stream fails. It ends after the duration or when interrupted; with
 * {@code --summary} it then prints each book's final state ({@code "kind":"final"}, top 25 per side)
 * and a {@code status} line per session with its message rate.
 *
 * <pre>{@code
 * int status = new StreamCommand(provider, request, StopSignal.onShutdown(Duration.ofSeconds(10)),
 *         Duration.ofSeconds(10)).run(System.out, System.err);
 * }</pre>
 *
 * <p>Events arrive on connector delivery threads and are formatted there; one output thread
 * prints them ({@link LineOutput}), so lines never interleave and no delivery thread waits for the
 * terminal. The command's own thread opens, waits and closes.
 */
public final class StreamCommand {

    private final ConnectorProvider provider;
    private final LiveRequest request;
    private final StopSignal stop;
    private final Duration instrumentWait;

    /**
     * Creates the command.
     *
     * @param provider the exchange's connector provider
     * @param request what to stream
     * @param stop ends the run
     * @param instrumentWait how long to wait for the connector's instrument list
     */
    public StreamCommand(ConnectorProvider provider, LiveRequest request, StopSignal stop, Duration instrumentWait) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.request = Objects.requireNonNull(request, "request");
        this.stop = Objects.requireNonNull(stop, "stop");
        this.instrumentWait = Objects.requireNonNull(instrumentWait, "instrumentWait");
    }

    /**
     * Runs the stream.
     *
     * @param out events, UTF-8 JSON lines
     * @param err messages for people
     * @return 0, or 1 when the output could not be written or the connector could not be opened
     * @throws UsageException when the connector refuses a setting or does not list a symbol
     */
    public int run(PrintStream out, PrintStream err) throws UsageException {
        EventJson format = new EventJson(true);
        String exchange = provider.exchangeId();
        LiveSession session;
        try {
            session = LiveSession.open(provider, request.settings(), FrameTap.NONE);
        } catch (RuntimeException e) {
            err.println("tradebench stream: cannot open the " + exchange + " connector: " + e.getMessage());
            return 1;
        }
        LineOutput output = null;
        ConnectionHealth last;
        Map<InstrumentId, BookCopy> books = new LinkedHashMap<>();
        try (session) {
            List<InstrumentId> ids = session.resolve(request.symbols(), instrumentWait, err);
            output = new LineOutput(out);
            LineOutput lines = output;
            ExchangeConnector connector = session.connector();
            session.keep(connector.subscribeHealth(new HealthLines(exchange, lines, format)));
            if (request.summary() && request.bookDepth() > 0) {
                ids.forEach(id -> books.put(id, new BookCopy(id)));
            }
            session.subscribe(request, ids, new LiveSession.Listeners() {
                @Override
                public BookListener book(InstrumentId id) {
                    BookCopy copy = books.get(id);
                    return new BookListener() {
                        @Override
                        public void onBook(BookUpdate update) {
                            lines.event(json -> format.book(json, update));
                            if (copy != null) {
                                copy.copy(update);
                            }
                        }

                        @Override
                        public void onHealth(DataHealth health) {
                            failed(lines, format, id, "book", health);
                        }
                    };
                }

                @Override
                public TradeListener trades(InstrumentId id) {
                    return new TradeListener() {
                        @Override
                        public void onTrade(Trade trade) {
                            lines.event(json -> format.trade(json, trade));
                        }

                        @Override
                        public void onHealth(DataHealth health) {
                            failed(lines, format, id, "trades", health);
                        }
                    };
                }

                @Override
                public TickerListener ticker(InstrumentId id) {
                    return new TickerListener() {
                        @Override
                        public void onTicker(Ticker ticker) {
                            lines.event(json -> format.ticker(json, ticker));
                        }

                        @Override
                        public void onHealth(DataHealth health) {
                            failed(lines, format, id, "ticker", health);
                        }
                    };
                }
            });
            stop.await(request.duration());
            session.closeSubscriptions();
            last = connector.health(); // the rates as they were while streaming, before the close
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("tradebench stream: interrupted");
            if (output != null) {
                output.close();
            }
            return 1;
        }
        // The connector is closed: its delivery threads are done, so the summary comes last.
        if (request.summary()) {
            for (BookCopy copy : books.values()) {
                output.event(json -> {
                    if (!copy.writeFinal(format, json)) {
                        json.discard(); // a book that never arrived has no final state
                    }
                });
            }
            if (last.sessions().isEmpty()) {
                output.event(json -> format.connectorSummary(json, exchange, last.state(), last.cause(),
                        last.messagesPerSecond(), last.reconnects(), last.errors()));
            }
            for (SessionHealth s : last.sessions().values()) {
                output.event(json -> format.sessionSummary(json, exchange, s));
            }
        }
        output.close();
        if (output.dropped() > 0) {
            err.println("tradebench stream: " + output.dropped() + " events were not printed: the output could not keep up");
        }
        if (output.failed()) {
            err.println("tradebench stream: cannot write standard output");
            return 1;
        }
        return 0;
    }

    private static void failed(LineOutput lines, EventJson format, InstrumentId id, String stream, DataHealth health) {
        if (health.state() == DataState.FAILED) {
            lines.event(json -> format.streamFailed(json, id, stream, health.cause()));
        }
    }

    /** Status lines for changes of the connector's state and of each session's. */
    private static final class HealthLines implements HealthListener {

        private final String exchange;
        private final LineOutput lines;
        private final EventJson format;
        private final Map<String, ConnectionState> sessions = new HashMap<>();
        private ConnectionState state;

        HealthLines(String exchange, LineOutput lines, EventJson format) {
            this.exchange = exchange;
            this.lines = lines;
            this.format = format;
        }

        @Override
        public synchronized void onHealth(ConnectionHealth h) {
            if (h.state() != state) {
                state = h.state();
                lines.event(json -> format.status(json, exchange, null, h.state(), h.cause(), h.since(), -1));
            }
            for (SessionHealth s : h.sessions().values()) {
                if (sessions.put(s.name(), s.state()) != s.state()) {
                    lines.event(json -> format.status(json, exchange, s.name(), s.state(), s.cause(), s.since(), -1));
                }
            }
        }
    }
}
