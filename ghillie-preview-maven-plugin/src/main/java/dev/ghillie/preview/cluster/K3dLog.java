package dev.ghillie.preview.cluster;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * k3d's output read back into log entries. k3d logs through logrus's {@code TextFormatter}
 * (k3d {@code cmd/root.go} {@code initLogging}), which writes one of two shapes
 * (shared/reference/k3d-log-format.md):
 * <ul>
 * <li>with {@code LOG_COLORS=false}, as the plugin runs it: logfmt, one line per entry,
 * {@code time="2026-11-30T15:04:05Z" level=fatal msg="Failed to create cluster 'x' …"}, the message
 * bare when it is only {@code [A-Za-z0-9-._/@^+]} and Go-quoted ({@code %q}) otherwise;</li>
 * <li>otherwise (k3d forces colours even without a terminal): {@code ESC[31mFATA ESC[0m[0000] message},
 * the message padded to 44 columns, and embedded newlines printed raw.</li>
 * </ul>
 * Lines in neither shape are k3d's plain {@code fmt.Printf} output (the kubectl hint, kubeconfig
 * paths, JSON) or, after a coloured entry, the rest of a multi-line message.
 */
final class K3dLog {

    /** logrus levels; {@link #PLAIN} is output k3d printed without logrus. */
    enum Level {
        PANIC("panic", "PANI"),
        FATAL("fatal", "FATA"),
        ERROR("error", "ERRO"),
        WARNING("warning", "WARN"),
        INFO("info", "INFO"),
        DEBUG("debug", "DEBU"),
        TRACE("trace", "TRAC"),
        PLAIN("", "");

        private final String logfmtName;
        private final String colouredName;

        Level(String logfmtName, String colouredName) {
            this.logfmtName = logfmtName;
            this.colouredName = colouredName;
        }

        static Optional<Level> fromLogfmt(String name) {
            for (Level level : values()) {
                if (level != PLAIN && level.logfmtName.equals(name.toLowerCase(Locale.ROOT))) {
                    return Optional.of(level);
                }
            }
            return Optional.empty();
        }

        static Level fromColoured(String name) {
            for (Level level : values()) {
                if (level != PLAIN && level.colouredName.equals(name)) {
                    return level;
                }
            }
            throw new IllegalArgumentException(name);
        }

        /** Panic and fatal end k3d with exit 1; error alone does not (a delete can log one and succeed). */
        boolean ends() {
            return this == PANIC || this == FATAL;
        }
    }

    /** One log entry; the message is unquoted and may span lines. */
    record Entry(Level level, String message) {

        /** The message on one line, for a user's one-line error. */
        String oneLine() {
            return message.strip().replaceAll("\\s*\\R\\s*", " ");
        }
    }

    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");
    private static final Pattern COLOURED =
            Pattern.compile("^(PANI|FATA|ERRO|WARN|INFO|DEBU|TRAC)(?:\\[[^\\]]*\\])? ?(.*)$");

    private K3dLog() {}

    static String withoutColours(String text) {
        return ANSI.matcher(text).replaceAll("");
    }

    /** Every entry of one stream, in order; blank lines are skipped. */
    static List<Entry> parse(String text) {
        List<Entry> entries = new ArrayList<>();
        boolean continuable = false;
        for (String rawLine : withoutColours(text).split("\\R")) {
            String line = rawLine.stripTrailing();
            Optional<Entry> logfmt = logfmt(line);
            if (logfmt.isPresent()) {
                entries.add(logfmt.get());
                continuable = false;
                continue;
            }
            Matcher coloured = COLOURED.matcher(line);
            if (coloured.matches()) {
                entries.add(new Entry(
                        Level.fromColoured(coloured.group(1)), coloured.group(2).strip()));
                continuable = true;
            } else if (line.isBlank()) {
                continue;
            } else if (continuable) {
                Entry previous = entries.removeLast();
                entries.add(new Entry(previous.level(), previous.message() + "\n" + line));
            } else {
                entries.add(new Entry(Level.PLAIN, line.strip()));
            }
        }
        return entries;
    }

    /** {@code time="…" level=… msg=…} (and any further key=value pairs), or empty when the line is not logfmt. */
    private static Optional<Entry> logfmt(String line) {
        if (!line.startsWith("time=") && !line.startsWith("level=")) {
            return Optional.empty();
        }
        Optional<Level> level = Optional.empty();
        String message = "";
        int i = 0;
        while (i < line.length()) {
            int equals = line.indexOf('=', i);
            if (equals < 0) {
                return Optional.empty();
            }
            String key = line.substring(i, equals);
            if (key.isEmpty() || key.contains(" ") || key.contains("\"")) {
                return Optional.empty();
            }
            int start = equals + 1;
            String value;
            int end;
            if (start < line.length() && line.charAt(start) == '"') {
                end = closingQuote(line, start);
                if (end < 0) {
                    return Optional.empty();
                }
                value = unquote(line.substring(start + 1, end));
                end++;
            } else {
                end = line.indexOf(' ', start);
                end = end < 0 ? line.length() : end;
                value = line.substring(start, end);
            }
            switch (key) {
                case "level" -> level = Level.fromLogfmt(value);
                case "msg" -> message = value;
                default -> {
                    // time, and fields k3d does not log
                }
            }
            if (end < line.length() && line.charAt(end) != ' ') {
                return Optional.empty();
            }
            i = end + 1;
        }
        String text = message;
        return level.map(found -> new Entry(found, text));
    }

    private static int closingQuote(String line, int open) {
        for (int i = open + 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return -1;
    }

    /** Undoes Go's {@code strconv.Quote} ({@code %q}): backslash escapes of quotes, control characters, bytes (x), and code points (u, U). */
    static String unquote(String quoted) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int i = 0;
        while (i < quoted.length()) {
            int codePoint = quoted.codePointAt(i);
            if (codePoint != '\\' || i + 1 >= quoted.length()) {
                bytes.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(codePoint);
                continue;
            }
            char escape = quoted.charAt(i + 1);
            i += 2;
            switch (escape) {
                case 'a' -> bytes.write(0x07);
                case 'b' -> bytes.write('\b');
                case 'f' -> bytes.write('\f');
                case 'n' -> bytes.write('\n');
                case 'r' -> bytes.write('\r');
                case 't' -> bytes.write('\t');
                case 'v' -> bytes.write(0x0B);
                case 'x' -> {
                    bytes.write(hex(quoted, i, 2));
                    i += 2;
                }
                case 'u', 'U' -> {
                    int digits = escape == 'u' ? 4 : 8;
                    bytes.writeBytes(
                            new String(Character.toChars(hex(quoted, i, digits))).getBytes(StandardCharsets.UTF_8));
                    i += digits;
                }
                default -> bytes.write(escape); // \" \\ \'
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int hex(String text, int from, int digits) {
        if (from + digits > text.length()) {
            return '?';
        }
        try {
            return Integer.parseInt(text.substring(from, from + digits), 16);
        } catch (NumberFormatException e) {
            return '?';
        }
    }
}
