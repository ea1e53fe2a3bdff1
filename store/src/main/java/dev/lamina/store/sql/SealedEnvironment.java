package dev.lamina.store.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.store.StoreException;
import dev.lamina.store.secrets.SecretSealer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stored form of a function's environment variables: one sealed string holding the whole map
 * (names and values), so neither a variable's value nor its name is readable in the database file.
 * An empty map is stored as an empty object: it holds nothing to hide, and functions without
 * variables skip the cipher.
 *
 * <p>Rows written before sealing existed hold a plain JSON object; {@link #read} still reads them
 * and {@link #isPlaintext} finds them, so that {@link SqliteStore#open} can seal them once at start.
 */
final class SealedEnvironment {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final SecretSealer sealer;

    SealedEnvironment(SecretSealer sealer) {
        this.sealer = sealer;
    }

    JsonNode write(Map<String, String> variables) {
        ObjectNode plain = JsonNodeFactory.instance.objectNode();
        variables.forEach(plain::put);
        if (variables.isEmpty()) {
            return plain;
        }
        return JsonNodeFactory.instance.textNode(sealer.seal(plain.toString()));
    }

    /**
     * @throws StoreException when a sealed value does not open: the store was started with another
     *                        master key than the one that sealed it, or the row was altered
     */
    Map<String, String> read(JsonNode stored) {
        JsonNode plain = stored.isTextual() ? open(stored.asText()) : stored;
        Map<String, String> out = new LinkedHashMap<>();
        plain.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    /** Whether {@code stored} is a variable map written before sealing existed. */
    static boolean isPlaintext(JsonNode stored) {
        return stored.isObject() && !stored.isEmpty();
    }

    /** Whether {@code stored} is written by {@link #write} with at least one variable. */
    static boolean isSealed(JsonNode stored) {
        return stored.isTextual();
    }

    private JsonNode open(String sealed) {
        String json;
        try {
            json = sealer.open(sealed);
        } catch (SecretSealer.SealException e) {
            throw new StoreException("stored environment variables do not open with this master key ("
                    + e.getMessage() + "); start Lamina with the master key that sealed them: the data directory's"
                    + " master-key file, or the LAMINA_MASTER_KEY it was started with before", e);
        }
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new StoreException("sealed environment variables are corrupt", null);
        }
    }
}
