package org.tradebench.core.trading;

import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.Side;
import org.tradebench.api.account.PositionSide;
import org.tradebench.api.trading.AccountRef;
import org.tradebench.api.trading.ExitLeg;
import org.tradebench.api.trading.OrderFlag;
import org.tradebench.api.trading.OrderRequest;
import org.tradebench.api.trading.OrderRole;
import org.tradebench.api.trading.OrderStatus;
import org.tradebench.api.trading.OrderType;
import org.tradebench.api.trading.TimeInForce;
import org.tradebench.api.trading.TriggerSource;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * The order gateway's write-ahead journal ({@code orders.journal}, JSON lines, in the
 * {@link StateDirectory}): every client order id is written before its order is sent, so that no id
 * is ever sent twice, also after a restart; the final state of each order; how much of each entry's
 * fills its exits protect; and the local exit legs the gateway holds, so that they are re-armed on
 * start.
 *
 * <p>Lines: {@code {"k":"sent","at":ms,"acct":"ex/acc","req":{..}}},
 * {@code {"k":"final","cid":..,"status":"FILLED"}}, {@code {"k":"protected","cid":..,"qty":".."}},
 * {@code {"k":"leg","acct":..,"parent":..,"leg":{..},"state":"ARMED"}}. A line that does not parse
 * (a torn last line after a crash) is skipped with a warning; the rest is kept.
 *
 * <p>Retention: on open the file is rewritten with the entries that are still needed: unfinished
 * orders, armed legs, and the ids of finished orders younger than the retention (the tombstones
 * that keep them from being sent again). Writes go to the OS before {@link #sent} returns (no fsync:
 * a crash of the process loses nothing, a power cut may lose the last lines).
 *
 * <p>Not thread-safe: the gateway's thread owns it.
 */
final class OrderJournal implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(OrderJournal.class.getName());
    static final String FILE = "orders.journal";

    /** One order the gateway sent. */
    static final class Entry {
        final AccountRef account;
        final OrderRequest request;
        final Instant sentAt;
        OrderStatus finalStatus;
        BigDecimal protectedQuantity = BigDecimal.ZERO;

        Entry(AccountRef account, OrderRequest request, Instant sentAt) {
            this.account = account;
            this.request = request;
            this.sentAt = sentAt;
        }
    }

    /** A local exit leg as stored. */
    record StoredLeg(AccountRef account, OrderRequest request, Instant created, String state) {
    }

    private final Path file;
    private final Duration retention;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final Map<String, StoredLeg> legs = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private BufferedWriter out;

    /**
     * Opens (and compacts) a journal.
     *
     * @param file the file (created when missing)
     * @param retention how long finished orders' ids are kept
     * @param now the time now
     * @throws IOException when the file cannot be read or written
     */
    OrderJournal(Path file, Duration retention, Instant now) throws IOException {
        this.file = file;
        this.retention = retention;
        Files.createDirectories(file.getParent());
        if (Files.exists(file)) {
            int lineNo = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    replay(JsonParser.parseString(line).getAsJsonObject());
                } catch (JsonParseException | IllegalStateException | IllegalArgumentException
                        | NullPointerException | UnsupportedOperationException e) {
                    String p = file.getFileName() + " line " + lineNo + " skipped: " + e.getMessage();
                    problems.add(p);
                    LOG.log(System.Logger.Level.WARNING, p);
                }
            }
        }
        compact(now);
    }

    private void replay(JsonObject o) {
        switch (o.get("k").getAsString()) {
            case "sent" -> {
                OrderRequest r = request(o.getAsJsonObject("req"));
                entries.put(r.clientOrderId(), new Entry(AccountRef.parse(o.get("acct").getAsString()), r,
                        Instant.ofEpochMilli(o.get("at").getAsLong())));
            }
            case "final" -> {
                Entry e = entries.get(o.get("cid").getAsString());
                if (e != null) {
                    e.finalStatus = OrderStatus.valueOf(o.get("status").getAsString());
                }
            }
            case "protected" -> {
                Entry e = entries.get(o.get("cid").getAsString());
                if (e != null) {
                    e.protectedQuantity = new BigDecimal(o.get("qty").getAsString());
                }
            }
            case "leg" -> {
                OrderRequest r = request(o.getAsJsonObject("leg"));
                String state = o.get("state").getAsString();
                legs.put(r.clientOrderId(), new StoredLeg(AccountRef.parse(o.get("acct").getAsString()), r,
                        Instant.ofEpochMilli(o.get("at").getAsLong()), state));
            }
            default -> throw new IllegalArgumentException("unknown line kind " + o.get("k"));
        }
    }

    private void compact(Instant now) throws IOException {
        Instant horizon = now.minus(retention);
        entries.values().removeIf(e -> e.finalStatus != null && e.sentAt.isBefore(horizon));
        legs.values().removeIf(l -> !l.state().equals("ARMED") && l.created().isBefore(horizon));
        Path tmp = file.resolveSibling(FILE + ".tmp");
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            for (Entry e : entries.values()) {
                w.write(sentLine(e));
                w.newLine();
                if (e.protectedQuantity.signum() > 0) {
                    w.write(protectedLine(e.request.clientOrderId(), e.protectedQuantity));
                    w.newLine();
                }
                if (e.finalStatus != null) {
                    w.write(finalLine(e.request.clientOrderId(), e.finalStatus));
                    w.newLine();
                }
            }
            for (StoredLeg l : legs.values()) {
                w.write(legLine(l));
                w.newLine();
            }
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /**
     * Whether a client order id was ever sent (within the retention).
     *
     * @param clientOrderId the id
     * @return true when known
     */
    boolean knows(String clientOrderId) {
        return entries.containsKey(clientOrderId) || legs.containsKey(clientOrderId);
    }

    Entry entry(String clientOrderId) {
        return entries.get(clientOrderId);
    }

    Collection<Entry> entries() {
        return entries.values();
    }

    Collection<StoredLeg> legs() {
        return legs.values();
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    /** Records an order about to be sent; returns once the line reached the OS. */
    Entry sent(AccountRef account, OrderRequest request, Instant at) throws IOException {
        Entry e = new Entry(account, request, at);
        entries.put(request.clientOrderId(), e);
        append(sentLine(e));
        return e;
    }

    void finished(String clientOrderId, OrderStatus status) throws IOException {
        Entry e = entries.get(clientOrderId);
        if (e != null && e.finalStatus == null) {
            e.finalStatus = status;
            append(finalLine(clientOrderId, status));
        }
    }

    void protectedUpTo(String clientOrderId, BigDecimal quantity) throws IOException {
        Entry e = entries.get(clientOrderId);
        if (e != null) {
            e.protectedQuantity = quantity;
            append(protectedLine(clientOrderId, quantity));
        }
    }

    void leg(AccountRef account, OrderRequest leg, Instant created, String state) throws IOException {
        StoredLeg l = new StoredLeg(account, leg, created, state);
        legs.put(leg.clientOrderId(), l);
        append(legLine(l));
    }

    private void append(String line) throws IOException {
        out.write(line);
        out.newLine();
        out.flush();
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "order journal: close failed: " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------ lines

    private static String sentLine(Entry e) {
        JsonObject o = new JsonObject();
        o.addProperty("k", "sent");
        o.addProperty("at", e.sentAt.toEpochMilli());
        o.addProperty("acct", e.account.toString());
        o.add("req", json(e.request));
        return o.toString();
    }

    private static String finalLine(String cid, OrderStatus status) {
        JsonObject o = new JsonObject();
        o.addProperty("k", "final");
        o.addProperty("cid", cid);
        o.addProperty("status", status.name());
        return o.toString();
    }

    private static String protectedLine(String cid, BigDecimal qty) {
        JsonObject o = new JsonObject();
        o.addProperty("k", "protected");
        o.addProperty("cid", cid);
        o.addProperty("qty", qty.toPlainString());
        return o.toString();
    }

    private static String legLine(StoredLeg l) {
        JsonObject o = new JsonObject();
        o.addProperty("k", "leg");
        o.addProperty("at", l.created().toEpochMilli());
        o.addProperty("acct", l.account().toString());
        o.addProperty("state", l.state());
        o.add("leg", json(l.request()));
        return o.toString();
    }

    static JsonObject json(OrderRequest r) {
        JsonObject o = new JsonObject();
        o.addProperty("cid", r.clientOrderId());
        o.addProperty("ex", r.instrument().exchangeId());
        o.addProperty("sym", r.instrument().symbol());
        o.addProperty("side", r.side().name());
        o.addProperty("type", r.type().name());
        o.addProperty("qty", r.quantity().toPlainString());
        put(o, "px", r.price());
        put(o, "trg", r.triggerPrice());
        o.addProperty("tif", r.timeInForce().name());
        StringBuilder flags = new StringBuilder();
        for (OrderFlag f : r.flags()) {
            flags.append(flags.isEmpty() ? "" : ",").append(f.name());
        }
        o.addProperty("flags", flags.toString());
        if (r.takeProfit() != null) {
            o.add("tp", json(r.takeProfit()));
        }
        if (r.stopLoss() != null) {
            o.add("sl", json(r.stopLoss()));
        }
        o.addProperty("src", r.triggerSource().name());
        if (r.positionSide() != null) {
            o.addProperty("pos", r.positionSide().name());
        }
        if (r.parentClientOrderId() != null) {
            o.addProperty("parent", r.parentClientOrderId());
        }
        o.addProperty("role", r.role().name());
        return o;
    }

    private static JsonObject json(ExitLeg leg) {
        JsonObject o = new JsonObject();
        o.addProperty("trg", leg.triggerPrice().toPlainString());
        put(o, "px", leg.limitPrice());
        o.addProperty("src", leg.triggerSource().name());
        return o;
    }

    private static void put(JsonObject o, String name, BigDecimal value) {
        if (value != null) {
            o.addProperty(name, value.toPlainString());
        }
    }

    static OrderRequest request(JsonObject o) {
        String flagText = o.get("flags").getAsString();
        java.util.EnumSet<OrderFlag> flags = java.util.EnumSet.noneOf(OrderFlag.class);
        if (!flagText.isEmpty()) {
            for (String f : flagText.split(",")) {
                flags.add(OrderFlag.valueOf(f));
            }
        }
        return new OrderRequest(o.get("cid").getAsString(),
                new InstrumentId(o.get("ex").getAsString(), o.get("sym").getAsString()),
                Side.valueOf(o.get("side").getAsString()), OrderType.valueOf(o.get("type").getAsString()),
                new BigDecimal(o.get("qty").getAsString()), decimal(o, "px"), decimal(o, "trg"),
                TimeInForce.valueOf(o.get("tif").getAsString()), Set.copyOf(flags), leg(o, "tp"), leg(o, "sl"),
                TriggerSource.valueOf(o.get("src").getAsString()),
                o.has("pos") ? PositionSide.valueOf(o.get("pos").getAsString()) : null,
                o.has("parent") ? o.get("parent").getAsString() : null, OrderRole.valueOf(o.get("role").getAsString()));
    }

    private static ExitLeg leg(JsonObject o, String name) {
        if (!o.has(name)) {
            return null;
        }
        JsonObject l = o.getAsJsonObject(name);
        return new ExitLeg(new BigDecimal(l.get("trg").getAsString()), decimal(l, "px"),
                TriggerSource.valueOf(l.get("src").getAsString()));
    }

    private static BigDecimal decimal(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e == null || e.isJsonNull() ? null : new BigDecimal(e.getAsString());
    }
}
