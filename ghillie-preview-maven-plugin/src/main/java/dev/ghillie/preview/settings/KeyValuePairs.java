package dev.ghillie.preview.settings;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Comma-separated {@code key=value} pairs, as {@code ghillie.preview.set} and a {@code --set} in
 * {@code HELM_ARGS} take them. Commas always separate pairs (no {@code \,} escapes or {@code {a,b}}
 * lists); a later key wins.
 */
public final class KeyValuePairs {

    private KeyValuePairs() {}

    /** The pairs of {@code text}, in order; a pair without a key is a {@link SettingsException} naming {@code setting}. */
    public static Map<String, String> parse(String setting, String text) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            int equals = pair.indexOf('=');
            if (equals <= 0 || pair.substring(0, equals).isBlank()) {
                throw new SettingsException(setting + ": '" + pair.strip()
                        + "' is not key=value: use e.g. replicaCount=2,env.normal.MODE=demo");
            }
            pairs.put(
                    pair.substring(0, equals).strip(),
                    pair.substring(equals + 1).strip());
        }
        return pairs;
    }
}
