package org.tradebench.cli.decode;

import java.util.ArrayList;
import java.util.List;

/** Which connector protocol packages this bundle can see (they are optional imports). */
final class Connectors {

    private static final String[][] DECODERS = {
        {BitfinexEvents.EXCHANGE, "org.tradebench.connector.bitfinex.internal.protocol.BitfinexFrameDecoder"},
    };

    private static final List<String> AVAILABLE = find();

    private Connectors() {
    }

    static List<String> available() {
        return AVAILABLE;
    }

    private static List<String> find() {
        List<String> ids = new ArrayList<>();
        for (String[] decoder : DECODERS) {
            try {
                Class.forName(decoder[1], false, Connectors.class.getClassLoader());
                ids.add(decoder[0]);
            } catch (ClassNotFoundException | LinkageError e) {
                // that exchange's connector is not installed
            }
        }
        return List.copyOf(ids);
    }
}
