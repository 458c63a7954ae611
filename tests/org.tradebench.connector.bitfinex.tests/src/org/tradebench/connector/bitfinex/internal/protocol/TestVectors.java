package org.tradebench.connector.bitfinex.internal.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** Loads the published test vectors copied beside the tests (see VECTORS.md). */
final class TestVectors {

    private TestVectors() {
    }

    static JsonObject load(String name) {
        try (InputStream in = TestVectors.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("test vector file " + name + " is not on the test classpath");
            }
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
