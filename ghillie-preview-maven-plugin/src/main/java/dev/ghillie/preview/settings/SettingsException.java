package dev.ghillie.preview.settings;

import dev.ghillie.preview.PreviewException;

/** A setting is wrong: the message names it and says what is accepted. Raised before anything changes. */
public final class SettingsException extends PreviewException {
    public SettingsException(String message) {
        super(message);
    }
}
