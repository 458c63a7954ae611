package org.tradebench.core.trading;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Where the order gateway keeps what must survive a restart (the order journal, the risk limits):
 * {@code <workspace>/.metadata/.plugins/org.tradebench.core}.
 *
 * <p>The workspace is the framework's instance area ({@code osgi.instance.area}, set by
 * {@code -data}), else its default ({@code osgi.instance.area.default}, the product says
 * {@code @user.home/.tradebench/workspace}), else {@code ~/.tradebench/workspace}. The property
 * {@code tradebench.core.state} names the directory itself and wins (tests, several workbenches on
 * one account).
 */
public final class StateDirectory {

    /** The property that names the directory directly. */
    public static final String PROPERTY = "tradebench.core.state";

    private StateDirectory() {
    }

    /**
     * Resolves the directory from properties.
     *
     * @param properties reads a framework or system property, null when unset
     * @return the directory (not created)
     */
    public static Path resolve(UnaryOperator<String> properties) {
        String explicit = properties.apply(PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        Path workspace = area(properties.apply("osgi.instance.area"), properties);
        if (workspace == null) {
            workspace = area(properties.apply("osgi.instance.area.default"), properties);
        }
        if (workspace == null) {
            workspace = Path.of(System.getProperty("user.home"), ".tradebench", "workspace");
        }
        return workspace.resolve(".metadata").resolve(".plugins").resolve("org.tradebench.core");
    }

    private static Path area(String value, UnaryOperator<String> properties) {
        if (value == null || value.isBlank() || value.startsWith("@none") || value.startsWith("@noDefault")) {
            return null;
        }
        String v = value;
        if (v.startsWith("@user.home")) {
            v = System.getProperty("user.home") + v.substring("@user.home".length());
        } else if (v.startsWith("@user.dir")) {
            v = System.getProperty("user.dir") + v.substring("@user.dir".length());
        }
        if (v.startsWith("file:")) {
            try {
                return Path.of(new URI(v.replace(" ", "%20")));
            } catch (URISyntaxException | IllegalArgumentException e) {
                return Path.of(v.substring("file:".length()));
            }
        }
        return Path.of(v);
    }
}
