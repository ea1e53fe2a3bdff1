package dev.lamina.logs.filter;

import dev.lamina.logs.filter.Regex.Op;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the body of a {@code %...%} regex with exactly the subset CloudWatch Logs supports: ASCII
 * letters and digits, the symbols {@code : _ # = @ / ; , -} (and space), and the operators
 * {@code ^ $ ? [ ] { } | \ * + .}, with the escapes {@code \d \D \s \S \w \W \xhh} and {@code \}
 * before any supported symbol or operator. Parentheses (no groups), other characters, back-references
 * and other escapes are refused, as AWS refuses them. Without groups, {@code |} only separates
 * top-level alternatives and every quantifier applies to one character, class or anchor.
 */
final class RegexParser {
    /** A program this size keeps a match on a 1 MB message well under a second. */
    static final int MAX_PROGRAM = 1000;
    static final int MAX_REPEAT = 1000;
    private static final String SYMBOLS = " :_#=@/;,-";
    private static final String OPERATORS = "^$?[]{}|\\*+.";
    private static final int UNBOUNDED = -1;

    private final String body;
    private final Regex.Builder program = new Regex.Builder(MAX_PROGRAM);
    private int pos;

    private RegexParser(String body) {
        this.body = body;
    }

    /** @param body the text between the percent signs */
    static Regex parse(String body) {
        if (body.isEmpty()) {
            throw FilterPatternParser.invalid("the regex %% is empty");
        }
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '(' || c == ')') {
                throw FilterPatternParser.invalid("parentheses are not supported in a regex (use \\x28 and \\x29 to match them): %"
                        + body + "%");
            }
            if (!isAsciiAlphanumeric(c) && SYMBOLS.indexOf(c) < 0 && OPERATORS.indexOf(c) < 0) {
                throw FilterPatternParser.invalid("Invalid character(s) in regex '%" + body + "%'");
            }
        }
        return new RegexParser(body).compile();
    }

    private Regex compile() {
        List<Integer> jumpsToEnd = new ArrayList<>();
        while (true) {
            int split = -1;
            if (containsTopLevelBarFrom(pos)) {
                split = program.emit(Op.SPLIT, null, program.pc() + 1, -1);
            }
            sequence();
            if (split < 0) {
                break;
            }
            jumpsToEnd.add(program.emit(Op.JMP, null, -1, -1));
            program.patchY(split, program.pc());
            pos++; // the '|'
        }
        if (pos != body.length()) {
            throw error("unexpected '" + body.charAt(pos) + "' at " + pos);
        }
        for (int jump : jumpsToEnd) {
            program.patchX(jump, program.pc());
        }
        program.emit(Op.MATCH, null, -1, -1);
        return program.build();
    }

    private boolean containsTopLevelBarFrom(int from) {
        boolean inClass = false;
        for (int i = from; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                inClass = true;
            } else if (c == ']') {
                inClass = false;
            } else if (c == '|' && !inClass) {
                return true;
            }
        }
        return false;
    }

    private void sequence() {
        while (pos < body.length() && body.charAt(pos) != '|') {
            char c = body.charAt(pos);
            if (c == '^' || c == '$') {
                pos++;
                if (pos < body.length() && "*+?{".indexOf(body.charAt(pos)) >= 0) {
                    throw error("an anchor cannot be repeated");
                }
                program.emit(c == '^' ? Op.LINE_START : Op.LINE_END, null, -1, -1);
                continue;
            }
            CharClass atom = atom();
            repeat(atom);
        }
    }

    private CharClass atom() {
        char c = body.charAt(pos++);
        return switch (c) {
            case '.' -> CharClass.anyButLineBreak();
            case '[' -> charClass();
            case '\\' -> escape().asClass();
            case '*', '+', '?', '{' -> throw error("'" + c + "' has nothing to repeat");
            case ']', '}' -> throw error("unbalanced '" + c + "'");
            default -> CharClass.of(c);
        };
    }

    private void repeat(CharClass atom) {
        int min = 1;
        int max = 1;
        if (pos < body.length()) {
            switch (body.charAt(pos)) {
                case '*' -> { min = 0; max = UNBOUNDED; pos++; }
                case '+' -> { max = UNBOUNDED; pos++; }
                case '?' -> { min = 0; pos++; }
                case '{' -> {
                    pos++;
                    int[] bounds = counts();
                    min = bounds[0];
                    max = bounds[1];
                }
                default -> { }
            }
            if ((min != 1 || max != 1) && pos < body.length() && "*+?{".indexOf(body.charAt(pos)) >= 0) {
                throw error("a quantifier cannot follow another quantifier");
            }
        }
        for (int i = 0; i < min; i++) {
            program.emit(Op.CHAR, atom, -1, -1);
        }
        if (max == UNBOUNDED) {
            int loop = program.emit(Op.SPLIT, null, program.pc() + 1, -1);
            program.emit(Op.CHAR, atom, -1, -1);
            program.emit(Op.JMP, null, loop, -1);
            program.patchY(loop, program.pc());
            return;
        }
        List<Integer> splits = new ArrayList<>();
        for (int i = min; i < max; i++) {
            splits.add(program.emit(Op.SPLIT, null, program.pc() + 1, -1));
            program.emit(Op.CHAR, atom, -1, -1);
        }
        for (int split : splits) {
            program.patchY(split, program.pc());
        }
    }

    /** {@code {m}}, {@code {m,}}, {@code {,n}} or {@code {m,n}}, after the '{'; spaces allowed. */
    private int[] counts() {
        int close = body.indexOf('}', pos);
        if (close < 0) {
            throw error("unbalanced '{'");
        }
        String inside = body.substring(pos, close).replace(" ", "");
        pos = close + 1;
        int comma = inside.indexOf(',');
        String low = comma < 0 ? inside : inside.substring(0, comma);
        String high = comma < 0 ? inside : inside.substring(comma + 1);
        if (low.isEmpty() && high.isEmpty() || !digits(low) || !digits(high)) {
            throw error("'{" + inside + "}' is not a repetition {m,n}");
        }
        int min = low.isEmpty() ? 0 : Integer.parseInt(low);
        int max = high.isEmpty() ? UNBOUNDED : Integer.parseInt(high);
        if (max != UNBOUNDED && max < min) {
            throw error("'{" + inside + "}' repeats at most fewer times than at least");
        }
        return new int[] {min, max};
    }

    /** Whether s is empty or a count; a count above {@link #MAX_REPEAT} is refused. */
    private static boolean digits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        if (s.length() > 4 || !s.isEmpty() && Integer.parseInt(s) > MAX_REPEAT) {
            throw FilterPatternParser.invalid("a regex repeats at most " + MAX_REPEAT + " times");
        }
        return true;
    }

    /** A bracketed class, after the '['. */
    private CharClass charClass() {
        boolean negate = pos < body.length() && body.charAt(pos) == '^';
        if (negate) {
            pos++;
        }
        CharClass set = new CharClass();
        boolean empty = true;
        while (true) {
            if (pos >= body.length()) {
                throw error("unbalanced '['");
            }
            char c = body.charAt(pos++);
            if (c == ']') {
                break;
            }
            empty = false;
            Escape from = c == '\\' ? escape() : new Escape(c, null);
            if (from.shorthand() != null) {
                set.addAll(from.shorthand());
            } else if (pos + 1 < body.length() && body.charAt(pos) == '-' && body.charAt(pos + 1) != ']') {
                pos++;
                char next = body.charAt(pos++);
                Escape to = next == '\\' ? escape() : new Escape(next, null);
                if (to.shorthand() != null || to.literal() < from.literal()) {
                    throw error("the range " + from.literal() + "-" + to.literal() + " is not a range");
                }
                set.addRange(from.literal(), to.literal());
            } else {
                set.add(from.literal());
            }
        }
        if (empty) {
            throw error("the class [] is empty");
        }
        return negate ? set.negated() : set;
    }

    /** One escape: a literal character, or a shorthand class such as {@code \d}. */
    private record Escape(char literal, CharClass shorthand) {
        CharClass asClass() {
            return shorthand != null ? shorthand : CharClass.of(literal);
        }
    }

    /** An escape, after the backslash. */
    private Escape escape() {
        if (pos >= body.length()) {
            throw error("the regex ends in a lone '\\'");
        }
        char c = body.charAt(pos++);
        if ("dDsSwW".indexOf(c) >= 0) {
            return new Escape(c, CharClass.shorthand(c));
        }
        if (c == 'x') {
            if (pos + 2 > body.length() || Character.digit(body.charAt(pos), 16) < 0
                    || Character.digit(body.charAt(pos + 1), 16) < 0) {
                throw error("\\x needs two hexadecimal digits");
            }
            char code = (char) Integer.parseInt(body.substring(pos, pos + 2), 16);
            pos += 2;
            return new Escape(code, null);
        }
        if (isAsciiAlphanumeric(c)) {
            throw error("the escape \\" + c + " is not supported");
        }
        return new Escape(c, null);
    }

    private InvalidFilterPatternException error(String detail) {
        return FilterPatternParser.invalid(detail + " in regex '%" + body + "%'");
    }

    private static boolean isAsciiAlphanumeric(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }
}
