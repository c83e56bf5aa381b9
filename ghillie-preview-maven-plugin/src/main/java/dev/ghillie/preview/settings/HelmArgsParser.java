package dev.ghillie.preview.settings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code HELM_ARGS}, the design's extra Helm arguments, strictly: only the two things the
 * preview can honour, in helm's own spellings ({@code --values FILE}, {@code --values=FILE},
 * {@code -f FILE}, {@code -f=FILE}, a comma-separated list of files as helm's string-slice flag
 * takes it; {@code --set k=v[,k2=v2]}, {@code --set=k=v}), split into words by {@link ShellWords}.
 * Anything else would be silently ignored by a lenient reader ({@code --wait}, {@code --timeout},
 * {@code --set-string}, a stray word), so it fails with one line saying what is accepted.
 */
final class HelmArgsParser {

    private static final String SETTING = SettingSources.HELM_ARGS;
    private static final String ACCEPTED = "use --values FILE or --set key=value";

    private HelmArgsParser() {}

    /** The values files (relative ones against {@code projectDir}) and {@code --set} values of {@code text}. */
    static ChartOverrides parse(String text, Path projectDir) {
        List<Path> valuesFiles = new ArrayList<>();
        Map<String, String> setValues = new LinkedHashMap<>();
        List<String> words = ShellWords.split(SETTING, text);
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            String flag = word.contains("=") && word.startsWith("-") ? word.substring(0, word.indexOf('=')) : word;
            boolean values = flag.equals("--values") || flag.equals("-f");
            if (!values && !flag.equals("--set")) {
                throw new SettingsException(SETTING + ": '" + word + "' is not supported: " + ACCEPTED);
            }
            String argument;
            if (!flag.equals(word)) {
                argument = word.substring(flag.length() + 1);
            } else if (i + 1 < words.size() && !words.get(i + 1).startsWith("-")) {
                argument = words.get(++i);
            } else {
                argument = "";
            }
            if (argument.isBlank()) {
                throw new SettingsException(
                        SETTING + ": '" + word + "' needs " + (values ? "a file" : "key=value") + ": " + ACCEPTED);
            }
            if (values) {
                for (String file : argument.split(",", -1)) {
                    if (file.isBlank()) {
                        throw new SettingsException(
                                SETTING + ": '" + word + " " + argument + "' names an empty file: " + ACCEPTED);
                    }
                    valuesFiles.add(
                            projectDir.resolve(file.strip()).toAbsolutePath().normalize());
                }
            } else {
                setValues.putAll(KeyValuePairs.parse(SETTING + " --set", argument));
            }
        }
        return new ChartOverrides(valuesFiles, setValues);
    }
}
