package dev.lamina.logs.filter;

import java.util.ArrayList;
import java.util.List;

/**
 * A compiled filter-pattern regular expression ({@code %...%}): a Thompson automaton simulated over the
 * message, so {@link #find} costs at most (message length × program size) steps whatever the pattern
 * and message; there is no backtracking, hence no catastrophic case. Immutable; safe to share.
 */
final class Regex {
    enum Op { CHAR, SPLIT, JMP, LINE_START, LINE_END, MATCH }

    private final Op[] ops;
    private final CharClass[] classes;
    private final int[] x;
    private final int[] y;

    private Regex(Builder builder) {
        int size = builder.ops.size();
        ops = builder.ops.toArray(Op[]::new);
        classes = builder.classes.toArray(CharClass[]::new);
        x = new int[size];
        y = new int[size];
        for (int i = 0; i < size; i++) {
            x[i] = builder.x.get(i);
            y[i] = builder.y.get(i);
        }
    }

    int size() {
        return ops.length;
    }

    /**
     * Whether the expression matches anywhere in the input (unanchored, like CloudWatch: {@code %Trail%}
     * matches "UpdateTrail"). {@code ^} matches only at the start; {@code $} at the end or before a final
     * line feed, which Lambda's log lines carry.
     */
    boolean find(CharSequence input) {
        int n = input.length();
        int size = ops.length;
        int[] current = new int[size];
        int[] next = new int[size];
        int[] mark = new int[size];
        java.util.Arrays.fill(mark, -1);
        int[] stack = new int[2 * size + 2];
        int count = 0;
        for (int i = 0; i <= n; i++) {
            count = addThread(current, count, 0, i, input, mark, stack);
            int nextCount = 0;
            for (int k = 0; k < count; k++) {
                int pc = current[k];
                if (ops[pc] == Op.MATCH) {
                    return true;
                }
                if (i < n && classes[pc].contains(input.charAt(i))) {
                    nextCount = addThread(next, nextCount, pc + 1, i + 1, input, mark, stack);
                }
            }
            int[] swap = current;
            current = next;
            next = swap;
            count = nextCount;
        }
        return false;
    }

    /** Adds pc and everything reachable from it without consuming input; each state once per position. */
    private int addThread(int[] list, int count, int start, int pos, CharSequence input, int[] mark, int[] stack) {
        int top = 0;
        stack[top++] = start;
        while (top > 0) {
            int pc = stack[--top];
            if (mark[pc] == pos) {
                continue;
            }
            mark[pc] = pos;
            switch (ops[pc]) {
                case JMP -> stack[top++] = x[pc];
                case SPLIT -> {
                    stack[top++] = y[pc];
                    stack[top++] = x[pc];
                }
                case LINE_START -> {
                    if (pos == 0) {
                        stack[top++] = pc + 1;
                    }
                }
                case LINE_END -> {
                    int n = input.length();
                    if (pos == n || (pos == n - 1 && input.charAt(pos) == '\n')) {
                        stack[top++] = pc + 1;
                    }
                }
                case CHAR, MATCH -> list[count++] = pc;
            }
        }
        return count;
    }

    /** Emits a program instruction by instruction; {@link RegexParser} drives it. */
    static final class Builder {
        private final List<Op> ops = new ArrayList<>();
        private final List<CharClass> classes = new ArrayList<>();
        private final List<Integer> x = new ArrayList<>();
        private final List<Integer> y = new ArrayList<>();
        private final int limit;

        Builder(int limit) {
            this.limit = limit;
        }

        int pc() {
            return ops.size();
        }

        int emit(Op op, CharClass chars, int jumpX, int jumpY) {
            if (ops.size() >= limit) {
                throw FilterPatternParser.invalid("the regex is too complex (more than " + limit + " steps)");
            }
            ops.add(op);
            classes.add(chars);
            x.add(jumpX);
            y.add(jumpY);
            return ops.size() - 1;
        }

        void patchX(int pc, int target) {
            x.set(pc, target);
        }

        void patchY(int pc, int target) {
            y.set(pc, target);
        }

        Regex build() {
            return new Regex(this);
        }
    }
}
