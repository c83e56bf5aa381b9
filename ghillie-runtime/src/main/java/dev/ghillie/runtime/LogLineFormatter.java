package dev.ghillie.runtime;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * One line per record: {@code 2026-01-02T03:04:05.678Z LEVEL logger: message}. A record at
 * WARNING or above keeps its exception's stack trace, since that is a fault in the service to
 * fix. Below WARNING the exception is appended as one line ({@code : Type: message}): those are
 * Helidon's traces of what clients did (closed connections, unreadable requests), and no client
 * should be able to fill the log with stack traces, at whatever level it is read.
 */
final class LogLineFormatter extends Formatter {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder()
                .append(TIMESTAMP.format(record.getInstant()))
                .append(' ')
                .append(record.getLevel().getName())
                .append(' ')
                .append(record.getLoggerName())
                .append(": ")
                .append(formatMessage(record));
        Throwable thrown = record.getThrown();
        if (thrown != null && record.getLevel().intValue() >= Level.WARNING.intValue()) {
            StringWriter trace = new StringWriter();
            thrown.printStackTrace(new PrintWriter(trace));
            line.append(System.lineSeparator()).append(trace.toString().stripTrailing());
        } else if (thrown != null) {
            line.append(": ").append(oneLine(thrown.toString()));
        }
        return line.append(System.lineSeparator()).toString();
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\R", " ");
    }
}
