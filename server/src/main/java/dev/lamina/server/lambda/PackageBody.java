package dev.lamina.server.lambda;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.model.ErrorCode;
import dev.lamina.model.LambdaException;
import dev.lamina.server.http.Json;
import dev.lamina.store.code.CodeStore;
import dev.lamina.store.code.PackageTooLargeException;
import dev.lamina.store.code.StagedPackage;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * Reads a CreateFunction or UpdateFunctionCode body in one pass, streaming the base64 ZipFile member
 * straight into the code store's staging area: a 50 MB package never sits in memory as a 70 MB
 * string. Every other member is read into a tree as usual.
 *
 * <p>The caller owns {@link #zip()} and must close it (see {@link #close()}).
 */
record PackageBody(ObjectNode fields, Optional<StagedPackage> zip) implements AutoCloseable {

    /**
     * @param zipPath the member names leading to the ZipFile, e.g. {@code ["Code", "ZipFile"]}
     * @param operation the operation's name, for the size-limit error
     */
    static PackageBody read(InputStream body, CodeStore code, List<String> zipPath, String operation)
            throws IOException {
        StagedPackage[] staged = new StagedPackage[1];
        try (JsonParser parser = Json.FACTORY.createParser(body)) {
            parser.setCodec(Json.MAPPER);
            JsonToken first = parser.nextToken();
            ObjectNode fields;
            if (first == null) {
                fields = Json.object();
            } else if (first != JsonToken.START_OBJECT) {
                throw new LambdaException(ErrorCode.SERIALIZATION, "Request body must be a JSON object");
            } else {
                fields = readObject(parser, zipPath, 0, code, staged, operation);
            }
            if (parser.nextToken() != null) {
                throw new LambdaException(ErrorCode.SERIALIZATION, "Unexpected content after the JSON document");
            }
            return new PackageBody(fields, Optional.ofNullable(staged[0]));
        } catch (JsonProcessingException e) {
            closeQuietly(staged[0]);
            throw new LambdaException(ErrorCode.SERIALIZATION,
                    "Could not parse request body into json: " + Json.describe(e));
        } catch (IOException | RuntimeException e) {
            closeQuietly(staged[0]);
            throw e;
        }
    }

    // Reads the object whose START_OBJECT was just consumed; `depth` is how far along zipPath it is.
    private static ObjectNode readObject(JsonParser parser, List<String> zipPath, int depth, CodeStore code,
                                         StagedPackage[] staged, String operation) throws IOException {
        ObjectNode node = Json.object();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            boolean onPath = depth < zipPath.size() && zipPath.get(depth).equals(name);
            if (onPath && depth == zipPath.size() - 1 && value == JsonToken.VALUE_STRING) {
                if (staged[0] != null) {
                    throw new LambdaException(ErrorCode.SERIALIZATION, "Duplicate ZipFile member");
                }
                staged[0] = code.stage();
                try {
                    parser.readBinaryValue(staged[0].output());
                } catch (PackageTooLargeException e) {
                    throw tooLarge(e.limit(), operation);
                } catch (IllegalArgumentException e) {
                    // Jackson's word for a character outside the base64 alphabet (found by JsonFuzzIT).
                    throw new LambdaException(ErrorCode.SERIALIZATION,
                            "Could not deserialize '" + String.join(".", zipPath) + "': expected base64.");
                }
            } else if (onPath && value == JsonToken.START_OBJECT) {
                node.set(name, readObject(parser, zipPath, depth + 1, code, staged, operation));
            } else {
                JsonNode tree = parser.readValueAsTree();
                node.set(name, tree);
            }
        }
        return node;
    }

    static LambdaException tooLarge(long limit, String operation) {
        return new LambdaException(ErrorCode.REQUEST_ENTITY_TOO_LARGE,
                "Zipped size must be smaller than " + limit + " bytes for the " + operation + " operation");
    }

    @Override
    public void close() {
        zip.ifPresent(PackageBody::closeQuietly);
    }

    private static void closeQuietly(StagedPackage p) {
        if (p != null) {
            try {
                p.close();
            } catch (RuntimeException e) {
                // the staging directory is swept at the next start
            }
        }
    }
}
