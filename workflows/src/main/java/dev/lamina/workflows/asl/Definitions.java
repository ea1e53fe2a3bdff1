package dev.lamina.workflows.asl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and checks States Language definitions: the only way to get a {@link Definition}.
 * Everything the interpreter relies on is checked here ({@link Validator}), before a state machine
 * is created, so an execution never meets a malformed state. Failures carry AWS's InvalidDefinition
 * message (every finding, joined as AWS joins them) and the findings as diagnostics for
 * ValidateStateMachineDefinition; nothing else is thrown, whatever the text.
 */
public final class Definitions {
    /** Duplicate keys are a syntax error here (AWS refuses a definition that names a state twice). */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Definitions() {
    }

    /**
     * The checked definition in {@code text}.
     *
     * @throws InvalidDefinitionException with AWS's InvalidDefinition message and every diagnostic found
     */
    public static Definition parse(String text) throws InvalidDefinitionException {
        JsonNode root;
        try {
            root = text == null || text.isBlank() ? null : JSON.readTree(text);
        } catch (JsonProcessingException e) {
            // AWS reads definitions with Jackson too: its message is Jackson's, with the source and position.
            Findings f = new Findings();
            var where = e.getLocation();
            String source = where == null ? "" : "[Source: (String)" + JSON.getNodeFactory().textNode(
                    text.length() > 500 ? text.substring(0, 500) : text) + "; line: " + where.getLineNr()
                    + ", column: " + where.getColumnNr() + "]";
            f.error(Findings.INVALID_JSON, e.getOriginalMessage() + (source.isEmpty() ? "" : "\n at " + source), source);
            throw invalid(f);
        }
        if (root == null || !root.isObject()) {
            Findings f = new Findings();
            if (root == null) {
                f.error("MISSING_DESCRIPTION", "Received a null or empty workflow input", null);
            } else {
                f.schema("Definition must be a valid JSON object", null);
            }
            throw invalid(f);
        }
        Findings findings = Validator.check((ObjectNode) root);
        if (findings.hasErrors()) {
            throw invalid(findings);
        }
        return structure((ObjectNode) root, QueryLanguage.JSONPATH);
    }

    private static InvalidDefinitionException invalid(Findings findings) {
        return new InvalidDefinitionException(findings.message(), findings.diagnostics());
    }

    /** Builds the tree of a (checked) definition or branch; {@code inherited} is the enclosing language. */
    static Definition structure(ObjectNode root, QueryLanguage inherited) {
        QueryLanguage language = QueryLanguage.parse(root.path("QueryLanguage").asText("")).orElse(inherited);
        Map<String, StateNode> states = new LinkedHashMap<>();
        root.path("States").properties().forEach(e -> {
            ObjectNode s = (ObjectNode) e.getValue();
            StateType type = StateType.parse(s.path("Type").asText()).orElseThrow();
            QueryLanguage own = QueryLanguage.parse(s.path("QueryLanguage").asText("")).orElse(language);
            // The states of branches and processors default to the machine's language, not to the
            // language of the state that holds them (AWS; a JSONata Map in a JSONPath machine may hold
            // JSONPath states).
            List<Definition> branches = new ArrayList<>();
            if (type == StateType.PARALLEL) {
                s.path("Branches").forEach(b -> branches.add(structure((ObjectNode) b, language)));
            } else if (type == StateType.MAP) {
                JsonNode processor = s.has("ItemProcessor") ? s.get("ItemProcessor") : s.get("Iterator");
                branches.add(structure((ObjectNode) processor, language));
            }
            states.put(e.getKey(), new StateNode(e.getKey(), type, s, own, branches));
        });
        Optional<Integer> timeout = root.has("TimeoutSeconds")
                ? Optional.of(root.get("TimeoutSeconds").asInt()) : Optional.empty();
        Optional<String> comment = root.has("Comment") ? Optional.of(root.get("Comment").asText()) : Optional.empty();
        return new Definition(root.path("StartAt").asText(), states, timeout, language, comment, root);
    }
}
