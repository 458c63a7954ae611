package org.tradebench.api.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.tradebench.api.Decimals;
import org.tradebench.api.market.BookListener;
import org.tradebench.api.market.MarketData;
import org.tradebench.api.trading.TradingAccount;

/** The API bundle as the OSGi framework sees it: java.base only at runtime. */
class ApiBundleTest {

    private static Bundle api() {
        Bundle bundle = FrameworkUtil.getBundle(Decimals.class);
        assertNotNull(bundle, "the tests run in OSGi");
        return bundle;
    }

    /** Splits a manifest header at the commas outside quotes ("[1.1.0,2.0.0)" has one). */
    private static List<String> clauses(String header) {
        List<String> out = new ArrayList<>();
        StringBuilder clause = new StringBuilder();
        boolean quoted = false;
        for (char c : header.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                out.add(clause.toString().trim());
                clause.setLength(0);
            } else {
                clause.append(c);
            }
        }
        out.add(clause.toString().trim());
        return out;
    }

    @Test
    void onlyImportIsTheOptionalVersioningAnnotations() {
        List<String> imports = clauses(api().getHeaders("").get(Constants.IMPORT_PACKAGE));
        assertEquals(1, imports.size(), imports.toString());
        String annotations = imports.get(0);
        assertTrue(annotations.startsWith("org.osgi.annotation.versioning;"), annotations);
        assertTrue(annotations.replace(" ", "").contains("resolution:=optional"), annotations);
        assertEquals(null, api().getHeaders("").get(Constants.REQUIRE_BUNDLE), "no Require-Bundle");
    }

    @Test
    void versioningAnnotationsAreNotThereAtRuntime() {
        // CLASS retention: compile-time documentation for bnd's baselining, never loaded
        assertEquals(0, MarketData.class.getAnnotations().length);
        assertEquals(0, TradingAccount.class.getAnnotations().length);
        assertEquals(List.of(FunctionalInterface.class),
                List.of(BookListener.class.getAnnotations()).stream().map(a -> a.annotationType()).toList());
        assertEquals(0, MarketData.class.getPackage().getAnnotations().length, "@Version of the package");
    }

    @Test
    void everyApiPackageIsExportedWithAVersion() {
        List<String> exports = clauses(api().getHeaders("").get(Constants.EXPORT_PACKAGE));
        List<String> names = exports.stream().map(e -> e.substring(0, e.indexOf(';'))).toList();
        assertEquals(List.of("org.tradebench.api", "org.tradebench.api.account", "org.tradebench.api.credentials",
                "org.tradebench.api.health", "org.tradebench.api.instrument", "org.tradebench.api.market",
                "org.tradebench.api.risk", "org.tradebench.api.spi", "org.tradebench.api.trading"), names);
        for (String export : exports) {
            assertTrue(export.matches("[a-z.]+;version=\"\\d+\\.\\d+\\.\\d+\""), export);
        }
    }
}
