package dev.lamina.logs.filter;

import java.util.ArrayList;
import java.util.List;

/**
 * A message split into the fields of a space-delimited pattern: runs of text separated by spaces or
 * tabs (or line breaks), where text between double quotes or between square brackets is one field
 * whose value leaves out the quotes or brackets, as CloudWatch reads
 * {@code 127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /index.html HTTP/1.0" 404 1534}.
 * An unclosed quote or bracket runs to the end of the message.
 */
final class MessageFields {
    /** One field: its value and where it stands in the message (quotes and brackets included). */
    record Field(String value, int start, int end) {
    }

    private MessageFields() {
    }

    static List<Field> split(String message) {
        List<Field> fields = new ArrayList<>();
        int n = message.length();
        int i = 0;
        while (true) {
            while (i < n && isSeparator(message.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return fields;
            }
            char c = message.charAt(i);
            if (c == '"' || c == '[') {
                int close = message.indexOf(c == '"' ? '"' : ']', i + 1);
                int valueEnd = close < 0 ? n : close;
                int end = close < 0 ? n : close + 1;
                fields.add(new Field(message.substring(i + 1, valueEnd), i, end));
                i = end;
            } else {
                int end = i;
                while (end < n && !isSeparator(message.charAt(end))) {
                    end++;
                }
                fields.add(new Field(message.substring(i, end), i, end));
                i = end;
            }
        }
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }
}
