package dev.lamina.model;

import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * A trace context as Lambda passes it on: the X-Ray header {@code X-Amzn-Trace-Id}
 * ({@code Root=1-<8 hex epoch seconds>-<24 hex>;Parent=<16 hex>;Sampled=0|1|?}, then any other keys,
 * such as {@code Lineage}, kept as they came), convertible to and from W3C {@code traceparent}: the
 * 32-hex trace id is the root without its version and dashes.
 *
 * <p>Parsing never fails: a header that is malformed, oversized or hostile is simply no trace
 * context ({@link Optional#empty()}), as a caller's broken header must never fail an invocation.
 *
 * <p>A final class rather than a record, so that the derivations made on every invocation
 * ({@link #newRoot}, {@link #withSampled}, {@link #withParent}) build from parts already known to be
 * valid without validating them again: a record's every constructor runs its canonical one.
 */
public final class TraceHeader {
    /** Longer headers are refused whole: no legitimate trace header comes near it. */
    static final int MAX_LENGTH = 1024;
    private static final Pattern ROOT = Pattern.compile("1-([0-9a-f]{8})-([0-9a-f]{24})");
    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");
    /** Visible ASCII but the header's own separators, quotes and backslash (Lineage uses ':' and '|'). */
    private static final Pattern VALUE = Pattern.compile("[\\x21-\\x7e&&[^;=\"\\\\,]]{0,256}");
    private static final Pattern TRACEPARENT = Pattern.compile("([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");
    private static final String ZERO_TRACE = "0".repeat(32);
    private static final String ZERO_SPAN = "0".repeat(16);

    private final String traceId;
    private final Optional<String> parentId;
    private final Optional<Boolean> sampled;
    private final String others;

    /**
     * @param traceId  32 lowercase hex digits, not all zero
     * @param parentId the calling span's id, 16 lowercase hex digits, not all zero
     * @param sampled  the sampling decision, when one was made ({@code Sampled=?} or none: not yet)
     * @param others   the other {@code key=value} pairs, {@code ;}-separated, validated; "" for none
     * @throws IllegalArgumentException when a part is not valid
     */
    public TraceHeader(String traceId, Optional<String> parentId, Optional<Boolean> sampled, String others) {
        if (!isId(traceId, 32)) {
            throw new IllegalArgumentException("not a trace id: " + traceId);
        }
        Objects.requireNonNull(parentId);
        parentId.ifPresent(TraceHeader::requireSpanId);
        Objects.requireNonNull(sampled);
        if (!others.isEmpty()) {
            for (String pair : others.split(";", -1)) {
                int eq = pair.indexOf('=');
                if (eq < 0 || !KEY.matcher(pair.substring(0, eq)).matches()
                        || !VALUE.matcher(pair.substring(eq + 1)).matches()) {
                    throw new IllegalArgumentException("not trace header keys: " + others);
                }
            }
        }
        this(traceId, parentId, sampled, others, true);
    }

    /** The unchecked path: every part is valid already. */
    private TraceHeader(String traceId, Optional<String> parentId, Optional<Boolean> sampled, String others,
                        boolean valid) {
        this.traceId = traceId;
        this.parentId = parentId;
        this.sampled = sampled;
        this.others = others;
    }

    /** 32 lowercase hex digits. */
    public String traceId() {
        return traceId;
    }

    /** The calling span's id, when the header names one. */
    public Optional<String> parentId() {
        return parentId;
    }

    /** The sampling decision, when one was made. */
    public Optional<Boolean> sampled() {
        return sampled;
    }

    /** The other {@code key=value} pairs, {@code ;}-separated; "" for none. */
    public String others() {
        return others;
    }

    /**
     * A new trace, with no parent and no sampling decision; its id starts with {@code now} as X-Ray's
     * do (never all zero after 1970, so it needs no check).
     */
    public static TraceHeader newRoot(Instant now, RandomGenerator random) {
        byte[] rest = new byte[12];
        random.nextBytes(rest);
        HexFormat hex = HexFormat.of();
        String time = hex.toHexDigits((int) now.getEpochSecond());
        return new TraceHeader(time + hex.formatHex(rest), Optional.empty(), Optional.empty(), "", true);
    }

    /** A new span id: 16 hex digits, never all zero. */
    public static String newSpanId(RandomGenerator random) {
        long id;
        do {
            id = random.nextLong();
        } while (id == 0);
        return HexFormat.of().toHexDigits(id);
    }

    /** An {@code X-Amzn-Trace-Id} value, or empty when it is not a valid one. */
    public static Optional<TraceHeader> parse(String header) {
        if (header == null || header.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String traceId = null;
        Optional<String> parent = Optional.empty();
        Optional<Boolean> sampled = Optional.empty();
        boolean sawSampled = false;
        StringBuilder others = new StringBuilder();
        int count = 0;
        for (String part : header.split(";", -1)) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq < 0 || ++count > 16) {
                return Optional.empty();
            }
            String key = p.substring(0, eq).strip();
            String value = p.substring(eq + 1).strip();
            switch (key.toLowerCase(Locale.ROOT)) {
                case "root" -> {
                    var m = ROOT.matcher(value.toLowerCase(Locale.ROOT));
                    if (traceId != null || !m.matches()) {
                        return Optional.empty();
                    }
                    traceId = m.group(1) + m.group(2);
                }
                case "parent" -> {
                    String id = value.toLowerCase(Locale.ROOT);
                    if (parent.isPresent() || !isId(id, 16)) {
                        return Optional.empty();
                    }
                    parent = Optional.of(id);
                }
                case "sampled" -> {
                    if (sawSampled || !(value.equals("0") || value.equals("1") || value.equals("?"))) {
                        return Optional.empty();
                    }
                    sawSampled = true;
                    sampled = value.equals("?") ? Optional.empty() : Optional.of(value.equals("1"));
                }
                default -> {
                    if (!KEY.matcher(key).matches() || !VALUE.matcher(value).matches()) {
                        return Optional.empty();
                    }
                    others.append(others.isEmpty() ? "" : ";").append(key).append('=').append(value);
                }
            }
        }
        if (traceId == null || traceId.equals(ZERO_TRACE)) {
            return Optional.empty();
        }
        return Optional.of(new TraceHeader(traceId, parent, sampled, others.toString()));
    }

    /**
     * A W3C {@code traceparent} value ({@code 00-<trace id>-<parent id>-<flags>}), or empty when it is
     * not a valid one. Versions after 00 are read by their first four fields, as the W3C asks.
     */
    public static Optional<TraceHeader> fromTraceparent(String header) {
        if (header == null || header.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String h = header.strip();
        if (h.length() < 55 || (h.length() > 55 && h.charAt(55) != '-')) {
            return Optional.empty();
        }
        var m = TRACEPARENT.matcher(h.substring(0, 55));
        if (!m.matches() || m.group(1).equals("ff") || (m.group(1).equals("00") && h.length() != 55)) {
            return Optional.empty();
        }
        if (m.group(2).equals(ZERO_TRACE) || m.group(3).equals(ZERO_SPAN)) {
            return Optional.empty();
        }
        boolean sampled = (HexFormat.fromHexDigits(m.group(4)) & 1) == 1;
        return Optional.of(new TraceHeader(m.group(2), Optional.of(m.group(3)), Optional.of(sampled), ""));
    }

    /** X-Ray's form of the trace id: {@code 1-<8 hex>-<24 hex>}. */
    public String root() {
        return "1-" + traceId.substring(0, 8) + "-" + traceId.substring(8);
    }

    /**
     * This context with {@code spanId} as the parent of whatever it is handed to.
     *
     * @throws IllegalArgumentException when {@code spanId} is not 16 lowercase hex digits, not all zero
     */
    public TraceHeader withParent(String spanId) {
        requireSpanId(spanId);
        return new TraceHeader(traceId, Optional.of(spanId), sampled, others, true);
    }

    /** This context with a sampling decision. */
    public TraceHeader withSampled(boolean decision) {
        return new TraceHeader(traceId, parentId, Optional.of(decision), others, true);
    }

    /** Whether the trace is recorded: a decision of 1. */
    public boolean isSampled() {
        return sampled.orElse(false);
    }

    /** The {@code X-Amzn-Trace-Id} value: Root, Parent, Sampled, then the other keys as they came. */
    public String format() {
        StringBuilder b = new StringBuilder("Root=").append(root());
        parentId.ifPresent(p -> b.append(";Parent=").append(p));
        b.append(";Sampled=").append(sampled.map(s -> s ? "1" : "0").orElse("?"));
        if (!others.isEmpty()) {
            b.append(';').append(others);
        }
        return b.toString();
    }

    /** The W3C {@code traceparent} value, when there is a parent to name. */
    public Optional<String> traceparent() {
        return parentId.map(p -> "00-" + traceId + "-" + p + "-" + (isSampled() ? "01" : "00"));
    }

    private static void requireSpanId(String id) {
        if (!isId(id, 16)) {
            throw new IllegalArgumentException("not a span id: " + id);
        }
    }

    /** Whether {@code s} is {@code length} lowercase hex digits, not all zero (without a regex: it runs per invocation). */
    private static boolean isId(String s, int length) {
        if (s.length() != length) {
            return false;
        }
        boolean nonZero = false;
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
            nonZero |= c != '0';
        }
        return nonZero;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TraceHeader t && traceId.equals(t.traceId) && parentId.equals(t.parentId)
                && sampled.equals(t.sampled) && others.equals(t.others);
    }

    @Override
    public int hashCode() {
        return Objects.hash(traceId, parentId, sampled, others);
    }

    @Override
    public String toString() {
        return format();
    }
}
