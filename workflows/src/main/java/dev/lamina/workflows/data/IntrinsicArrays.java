package dev.lamina.workflows.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.lamina.workflows.data.IntrinsicParser.Call;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The array intrinsics: ArrayPartition, ArrayContains, ArrayRange (at most 1000 items), ArrayGetItem, ArrayLength, ArrayUnique. */
final class IntrinsicArrays {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_RANGE = 1000;

    private IntrinsicArrays() {
    }

    static JsonNode call(Intrinsics.Fail fail, Call c, List<JsonNode> a) throws StatesError {
        switch (c.name()) {
            case "ArrayPartition": {
                arity(fail, c, a, 2);
                ArrayNode array = array(fail, c, a.get(0), 1);
                long size = integer(fail, c, a.get(1), 2);
                if (size <= 0) {
                    throw fail.of(c, "expects a chunk size greater than 0, but received " + size);
                }
                ArrayNode out = NODES.arrayNode();
                ArrayNode chunk = null;
                for (int i = 0; i < array.size(); i++) {
                    if (i % size == 0) {
                        chunk = out.addArray();
                    }
                    chunk.add(array.get(i));
                }
                return out;
            }
            case "ArrayContains": {
                arity(fail, c, a, 2);
                ArrayNode array = array(fail, c, a.get(0), 1);
                for (JsonNode e : array) {
                    if (JsonValues.equal(e, a.get(1))) {
                        return NODES.booleanNode(true);
                    }
                }
                return NODES.booleanNode(false);
            }
            case "ArrayRange": {
                arity(fail, c, a, 3);
                long start = integer(fail, c, a.get(0), 1);
                long end = integer(fail, c, a.get(1), 2);
                long step = integer(fail, c, a.get(2), 3);
                if (step == 0) {
                    throw fail.of(c, "expects a non-zero step");
                }
                long count = (end - start) / step + 1;
                if (count > MAX_RANGE) {
                    throw fail.of(c, "can create at most " + MAX_RANGE + " items, but would create " + count);
                }
                ArrayNode out = NODES.arrayNode();
                for (long v = start; step > 0 ? v <= end : v >= end; v += step) {
                    out.add(v == (int) v ? NODES.numberNode((int) v) : NODES.numberNode(v));
                }
                return out;
            }
            case "ArrayGetItem": {
                arity(fail, c, a, 2);
                ArrayNode array = array(fail, c, a.get(0), 1);
                long index = integer(fail, c, a.get(1), 2);
                if (index < 0 || index >= array.size()) {
                    throw fail.of(c, "received the index " + index + ", outside the array of " + array.size() + " items");
                }
                return array.get((int) index);
            }
            case "ArrayLength":
                arity(fail, c, a, 1);
                return NODES.numberNode(array(fail, c, a.get(0), 1).size());
            case "ArrayUnique": {
                arity(fail, c, a, 1);
                Set<JsonValues.Key> seen = new LinkedHashSet<>();
                ArrayNode out = NODES.arrayNode();
                for (JsonNode e : array(fail, c, a.get(0), 1)) {
                    if (seen.add(new JsonValues.Key(e))) {
                        out.add(e);
                    }
                }
                return out;
            }
            default:
                throw fail.of(c, "is not a supported intrinsic function");
        }
    }

    private static void arity(Intrinsics.Fail fail, Call c, List<JsonNode> a, int n) throws StatesError {
        if (a.size() != n) {
            throw fail.of(c, "expects " + n + " arguments, but received " + a.size());
        }
    }

    private static ArrayNode array(Intrinsics.Fail fail, Call c, JsonNode v, int n) throws StatesError {
        if (!v.isArray()) {
            throw fail.of(c, "expects argument " + n + " to be an array, but received " + v);
        }
        return (ArrayNode) v;
    }

    private static long integer(Intrinsics.Fail fail, Call c, JsonNode v, int n) throws StatesError {
        if (!v.isNumber() || !v.canConvertToExactIntegral() || !v.canConvertToInt()) {
            throw fail.of(c, "expects argument " + n + " to be an integer, but received " + v);
        }
        return v.asLong();
    }
}
