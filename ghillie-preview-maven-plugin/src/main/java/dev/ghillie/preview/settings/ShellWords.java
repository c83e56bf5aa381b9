package dev.ghillie.preview.settings;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a variable's text into words as a POSIX shell would, without any expansion: whitespace
 * separates words; {@code '...'} keeps everything literally; {@code "..."} keeps everything but
 * {@code \"} and {@code \\}; outside quotes a backslash keeps the next character. So a value such as
 * {@code --set 'env.normal.GREETING=hello world'} reads the same here as in {@code helm}'s own shell.
 */
final class ShellWords {

    private ShellWords() {}

    /** The words of {@code text}; an unclosed quote is a {@link SettingsException} naming {@code setting}. */
    static List<String> split(String setting, String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else if (c == '\\'
                        && i + 1 < text.length()
                        && (text.charAt(i + 1) == '"' || text.charAt(i + 1) == '\\')) {
                    word.append(text.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                inWord = true;
                if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '\\' && i + 1 < text.length()) {
                    word.append(text.charAt(++i));
                } else {
                    word.append(c);
                }
            }
        }
        if (quote != 0) {
            throw new SettingsException(
                    setting + ": a " + quote + " quote is not closed: close it, e.g. --set 'key=a b'");
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
