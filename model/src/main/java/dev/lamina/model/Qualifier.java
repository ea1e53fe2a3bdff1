package dev.lamina.model;

import java.util.regex.Pattern;

/**
 * What follows a function name after a colon: {@code $LATEST}, a published version number, or an
 * alias name. Alias names may not be all digits, so the three never overlap.
 */
public sealed interface Qualifier {
    String LATEST_NAME = "$LATEST";

    /** The unpublished, editable version. */
    record Latest() implements Qualifier {
        @Override
        public String value() {
            return LATEST_NAME;
        }
    }

    /** A published version, numbered from 1 and never reused. */
    record Version(long number) implements Qualifier {
        public Version {
            if (number < 1) {
                throw new IllegalArgumentException("versions are numbered from 1: " + number);
            }
        }

        @Override
        public String value() {
            return Long.toString(number);
        }
    }

    /** A named pointer to a version. */
    record Alias(String name) implements Qualifier {
        public static final int MAX_LENGTH = 128;
        private static final Pattern PATTERN = Pattern.compile("[a-zA-Z0-9_-]{1,128}");
        private static final Pattern DIGITS = Pattern.compile("[0-9]+");

        public Alias {
            if (!isValid(name)) {
                throw new IllegalArgumentException("not an alias name: " + name);
            }
        }

        public static boolean isValid(String name) {
            return name != null && PATTERN.matcher(name).matches() && !DIGITS.matcher(name).matches();
        }

        @Override
        public String value() {
            return name;
        }
    }

    Latest LATEST = new Latest();

    /** The qualifier as it appears on the wire and in ARNs. */
    String value();

    /**
     * Parses a qualifier as AWS spells it.
     *
     * @throws IllegalArgumentException when the text is none of the three forms
     */
    static Qualifier parse(String text) {
        if (LATEST_NAME.equals(text)) {
            return LATEST;
        }
        if (text != null && !text.isEmpty() && text.length() <= 19 && text.chars().allMatch(Character::isDigit)) {
            long number = Long.parseLong(text);
            if (number >= 1) {
                return new Version(number);
            }
            throw new IllegalArgumentException("not a qualifier: " + text);
        }
        return new Alias(text);
    }

    /** Whether {@code text} parses as a qualifier. */
    static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
