package dev.ghillie.preview.settings;

import java.util.Optional;

/**
 * A setting's value and where it came from, so that a wrong value read from the environment says
 * which variable to fix rather than naming a property the user never set.
 *
 * @param environmentVariable the variable it was read from; empty when the property or POM gave it
 */
public record SettingValue(String text, Optional<String> environmentVariable) {

    /** {@code " (read from VARIABLE)"} to end an error message with, or nothing for a property. */
    public String readFrom() {
        return environmentVariable
                .map(variable -> " (read from " + variable + ")")
                .orElse("");
    }
}
