package org.tradebench.install;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * What an update site offers, by category ("Exchanges", "Views", "SDK"); features in no category
 * come last under "Other".
 *
 * @param site the site's location
 * @param name the site's name, or its location when it has none
 * @param categories its categories in the site's order
 */
public record Catalog(URI site, String name, List<Catalog.Category> categories) {

    /** Checks and copies. */
    public Catalog {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(name, "name");
        categories = List.copyOf(categories);
    }

    /**
     * One category of the site.
     *
     * @param id its id in the site
     * @param name its label
     * @param description its description, or {@code ""}
     * @param features its features, newest version of each, by name
     */
    public record Category(String id, String name, String description, List<Feature> features) {

        /** Checks and copies. */
        public Category {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(description, "description");
            features = List.copyOf(features);
        }
    }

    /**
     * @param featureId a feature id
     * @return whether the site offers it in any category
     */
    public boolean offers(String featureId) {
        return categories.stream().flatMap(c -> c.features().stream()).anyMatch(f -> f.id().equals(featureId));
    }
}
