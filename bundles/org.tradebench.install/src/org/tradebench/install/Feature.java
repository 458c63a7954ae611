package org.tradebench.install;

import java.util.Objects;

/**
 * A feature as an update site offers it or as the installation holds it.
 *
 * @param id the feature id, e.g. {@code org.tradebench.bitfinex.feature} (without p2's
 *        {@code .feature.group} suffix)
 * @param version its version
 * @param name its label, or the id when it has none
 * @param description its description, or {@code ""}
 * @param provider its provider, or {@code ""}
 * @param installed whether this installation holds it (in any version)
 * @param removable whether it can be removed on its own: installed by the user or shipped as a
 *        separate root of the product; the platform itself is not removable
 */
public record Feature(String id, String version, String name, String description, String provider, boolean installed,
        boolean removable) {

    /** Checks the fields. */
    public Feature {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(provider, "provider");
    }
}
