package org.tradebench.api.trading;

import java.util.Objects;

/**
 * What became of an {@link AccountSetting}: applied, or refused with the exchange's code and text
 * (or "not offered by this exchange").
 *
 * @param applied whether the setting is in effect now
 * @param code the exchange's error code when refused, nullable
 * @param message for people: what was set, or why not
 */
public record SettingResult(boolean applied, String code, String message) {

    /** Validates. */
    public SettingResult {
        Objects.requireNonNull(message, "message");
    }

    /**
     * Applied.
     *
     * @param message what was set
     * @return the result
     */
    public static SettingResult applied(String message) {
        return new SettingResult(true, null, message);
    }

    /**
     * Refused.
     *
     * @param code the exchange's code, nullable
     * @param message why
     * @return the result
     */
    public static SettingResult refused(String code, String message) {
        return new SettingResult(false, code, message);
    }
}
