package dev.lamina.workflows.data;

import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Utils;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The functions Step Functions adds to JSONata (AWS's "JSONata functions provided by Step
 * Functions"): {@code $partition}, {@code $range}, {@code $hash}, {@code $random} (with an optional
 * seed), {@code $uuid} and {@code $parse}; and {@code $eval}, which AWS does not offer, hidden.
 *
 * <p>A wrong argument raises {@link FunctionError}, whose message becomes the cause's tail
 * ("threw an error during evaluation. …").
 */
final class StatesFunctions {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** As States.ArrayRange: at most this many elements. */
    static final int RANGE_LIMIT = 1000;
    private static final Map<String, String> HASHES = Map.of("MD5", "MD5", "SHA-1", "SHA-1",
            "SHA-256", "SHA-256", "SHA-384", "SHA-384", "SHA-512", "SHA-512");

    private StatesFunctions() {
    }

    /** A failed call of one of these functions. */
    static final class FunctionError extends RuntimeException {
        FunctionError(String message) {
            super(message, null, false, false);
        }
    }

    private static final Map<String, Jsonata.JFunction> FUNCTIONS = Map.of(
            "partition", new Jsonata.JFunction((in, args) -> partition(args), null),
            "range", new Jsonata.JFunction((in, args) -> range(args), null),
            "hash", new Jsonata.JFunction((in, args) -> hash(args), null),
            "random", new Jsonata.JFunction((in, args) -> random(args), null),
            "uuid", new Jsonata.JFunction((in, args) -> UUID.randomUUID().toString(), null),
            "parse", new Jsonata.JFunction((in, args) -> parse(args), null));

    /** Binds the functions into {@code frame}, shadowing JSONata's own {@code $random} and hiding {@code $eval}. */
    static void bindInto(Jsonata.Frame frame) {
        FUNCTIONS.forEach(frame::bind);
        frame.bind("eval", (Object) null);
    }

    private static Object arg(List<?> args, int i) {
        return args != null && i < args.size() ? args.get(i) : null;
    }

    static Object partition(List<?> args) {
        Object array = arg(args, 0);
        Object size = arg(args, 1);
        if (!(array instanceof List<?> list)) {
            throw new FunctionError("The first argument of $partition must be an array");
        }
        if (!(size instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.doubleValue() <= 0) {
            throw new FunctionError("The second argument of $partition must be a positive integer");
        }
        int chunk = (int) Math.min(Integer.MAX_VALUE, n.longValue());
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i += chunk) {
            out.add(new ArrayList<>(list.subList(i, Math.min(list.size(), i + chunk))));
        }
        return out;
    }

    /**
     * {@code $range(start, end, step)}: start, start+step, … up to end inclusive, as a JSONata
     * sequence (so a single element comes out as that element, as AWS shows it).
     */
    static Object range(List<?> args) {
        long[] n = new long[3];
        for (int i = 0; i < 3; i++) {
            Object a = arg(args, i);
            if (!(a instanceof Number num) || num.doubleValue() != Math.rint(num.doubleValue())) {
                throw new FunctionError("The arguments of $range must be integers");
            }
            n[i] = num.longValue();
        }
        if (n[2] == 0) {
            throw new FunctionError("The step of $range must not be zero");
        }
        List<Object> out = Utils.createSequence();
        for (long v = n[0]; n[2] > 0 ? v <= n[1] : v >= n[1]; v += n[2]) {
            if (out.size() == RANGE_LIMIT) {
                throw new FunctionError("The $range result is limited to " + RANGE_LIMIT + " elements");
            }
            out.add(v);
        }
        return out;
    }

    static Object hash(List<?> args) {
        Object data = arg(args, 0);
        Object algorithm = arg(args, 1);
        if (!(data instanceof String text)) {
            throw new FunctionError("The first argument of $hash must be a string");
        }
        String name = algorithm instanceof String s ? HASHES.get(s) : null;
        if (name == null) {
            throw new FunctionError("The hashing algorithm " + algorithm + " is not supported; supported are: "
                    + "MD5, SHA-1, SHA-256, SHA-384, SHA-512");
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(name).digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code $random()} or {@code $random(seed)}: a number in [0, 1); the same seed gives the same number. */
    static Object random(List<?> args) {
        Object seed = arg(args, 0);
        if (seed == null) {
            return ThreadLocalRandom.current().nextDouble();
        }
        if (!(seed instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw new FunctionError("The seed of $random must be an integer");
        }
        return new Random(n.longValue()).nextDouble();
    }

    /** {@code $parse(text)}: the JSON value {@code text} holds. */
    static Object parse(List<?> args) {
        Object text = arg(args, 0);
        if (!(text instanceof String s)) {
            throw new FunctionError("The argument of $parse must be a string");
        }
        try {
            com.fasterxml.jackson.databind.JsonNode node = JSON.readTree(s);
            if (node == null || node.isMissingNode()) {
                throw new FunctionError("The argument of $parse is not valid JSON: no content");
            }
            return JsonataValues.toJsonata(node);
        } catch (JsonProcessingException e) {
            throw new FunctionError("The argument of $parse is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
