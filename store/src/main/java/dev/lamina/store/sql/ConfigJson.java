package dev.lamina.store.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.model.Architecture;
import dev.lamina.model.FunctionConfig;
import dev.lamina.model.LoggingConfig;
import dev.lamina.model.RuntimeId;
import dev.lamina.model.TracingMode;
import dev.lamina.model.VpcConfig;
import dev.lamina.store.StoreException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The stored JSON form of configuration records. The format is Lamina's own, written out field by
 * field so that renaming a Java component never changes what is on disk; a field added later must
 * read as its default when absent.
 */
final class ConfigJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ConfigJson() {
    }

    /** @param environment seals the variables: they never reach the disk in the clear */
    static String write(FunctionConfig c, SealedEnvironment environment) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("description", c.description());
        c.runtime().ifPresent(r -> o.put("runtime", r.id()));
        c.handler().ifPresent(h -> o.put("handler", h));
        o.put("role", c.role());
        o.put("memorySize", c.memorySize());
        o.put("timeout", c.timeout());
        o.set("environment", environment.write(c.environment()));
        o.put("ephemeralStorageMb", c.ephemeralStorageMb());
        ArrayNode layers = o.putArray("layers");
        c.layers().forEach(layers::add);
        o.put("tracingMode", c.tracingMode().wire());
        ObjectNode logging = o.putObject("logging");
        logging.put("logFormat", c.logging().logFormat().wire());
        c.logging().applicationLogLevel().ifPresent(v -> logging.put("applicationLogLevel", v));
        c.logging().systemLogLevel().ifPresent(v -> logging.put("systemLogLevel", v));
        c.logging().logGroup().ifPresent(v -> logging.put("logGroup", v));
        c.deadLetterTargetArn().ifPresent(v -> o.put("deadLetterTargetArn", v));
        o.put("architecture", c.architecture().wire());
        c.kmsKeyArn().ifPresent(v -> o.put("kmsKeyArn", v));
        ObjectNode vpc = o.putObject("vpc");
        strings(vpc.putArray("subnetIds"), c.vpc().subnetIds());
        strings(vpc.putArray("securityGroupIds"), c.vpc().securityGroupIds());
        vpc.put("ipv6AllowedForDualStack", c.vpc().ipv6AllowedForDualStack());
        o.put("snapStart", c.snapStart().wire());
        return o.toString();
    }

    static FunctionConfig readConfig(String json, SealedEnvironment environment) {
        JsonNode o = parse(json);
        JsonNode logging = o.path("logging");
        JsonNode vpc = o.path("vpc");
        return new FunctionConfig(
                o.path("description").asText(""),
                text(o, "runtime").map(RuntimeId::new),
                text(o, "handler"),
                o.path("role").asText(),
                o.path("memorySize").asInt(FunctionConfig.DEFAULT_MEMORY_MB),
                o.path("timeout").asInt(FunctionConfig.DEFAULT_TIMEOUT_SECONDS),
                environment.read(o.path("environment")),
                o.path("ephemeralStorageMb").asInt(FunctionConfig.DEFAULT_EPHEMERAL_STORAGE_MB),
                stringList(o.path("layers")),
                text(o, "tracingMode").flatMap(TracingMode::fromWire).orElse(TracingMode.PASS_THROUGH),
                new LoggingConfig(
                        text(logging, "logFormat").flatMap(LoggingConfig.LogFormat::fromWire)
                                .orElse(LoggingConfig.LogFormat.TEXT),
                        text(logging, "applicationLogLevel"),
                        text(logging, "systemLogLevel"),
                        text(logging, "logGroup")),
                text(o, "deadLetterTargetArn"),
                text(o, "architecture").flatMap(Architecture::fromWire).orElse(Architecture.X86_64),
                text(o, "kmsKeyArn"),
                new VpcConfig(stringList(vpc.path("subnetIds")), stringList(vpc.path("securityGroupIds")),
                        vpc.path("ipv6AllowedForDualStack").asBoolean(false)),
                text(o, "snapStart").flatMap(FunctionConfig.SnapStartApplyOn::fromWire)
                        .orElse(FunctionConfig.SnapStartApplyOn.NONE));
    }

    /** The environment variables of a stored configuration as they are on disk, sealed or not. */
    static JsonNode storedEnvironment(String json) {
        return parse(json).path("environment");
    }

    static String writeStringMap(Map<String, String> map) {
        ObjectNode o = MAPPER.createObjectNode();
        map.forEach(o::put);
        return o.toString();
    }

    static Map<String, String> readStringMap(String json) {
        return stringMap(parse(json), new TreeMap<>());
    }

    static String writeWeights(Map<String, Double> weights) {
        ObjectNode o = MAPPER.createObjectNode();
        weights.forEach(o::put);
        return o.toString();
    }

    static Map<String, Double> readWeights(String json) {
        Map<String, Double> out = new TreeMap<>();
        parse(json).properties().forEach(e -> out.put(e.getKey(), e.getValue().asDouble()));
        return out;
    }

    private static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new StoreException("stored JSON is corrupt", e);
        }
    }

    private static Optional<String> text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }

    private static Map<String, String> stringMap(JsonNode o, Map<String, String> into) {
        o.properties().forEach(e -> into.put(e.getKey(), e.getValue().asText()));
        return into;
    }

    private static List<String> stringList(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static void strings(ArrayNode into, List<String> values) {
        values.forEach(into::add);
    }
}
