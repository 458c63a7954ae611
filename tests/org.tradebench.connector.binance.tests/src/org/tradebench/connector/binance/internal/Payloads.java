package org.tradebench.connector.binance.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** The recorded Binance payloads beside the tests (see payloads/README.md). */
public final class Payloads {

    private static JsonObject all;

    private Payloads() {
    }

    /** A payload as a tree (a copy). */
    public static synchronized JsonObject get(String name) {
        if (all == null) {
            try (InputStream in = Payloads.class.getResourceAsStream("payloads/recorded_payloads.json")) {
                if (in == null) {
                    throw new IllegalStateException("payloads/recorded_payloads.json is not on the test classpath");
                }
                all = JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        JsonObject o = all.getAsJsonObject(name);
        if (o == null) {
            throw new IllegalArgumentException("no payload " + name);
        }
        return o.deepCopy();
    }

    /** A payload as JSON text. */
    public static String text(String name) {
        return get(name).toString();
    }

    /** A payload wrapped as a combined-stream event of {@code stream}. */
    public static String combined(String stream, String name) {
        return "{\"stream\":\"" + stream + "\",\"data\":" + text(name) + "}";
    }
}
