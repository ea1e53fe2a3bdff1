package dev.lamina.workflows.asl;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.regex.Pattern;

/**
 * Assign: an object whose keys are variable names (JSONPath: a key ending in {@code .$} takes a
 * path or intrinsic function value). A name starts with a letter or underscore, continues with
 * letters, digits and underscores, is at most 80 characters, and is not the reserved {@code states}.
 */
final class Variables {
    private Variables() {
    }

    private static final Pattern NAME = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_]*");

    static void check(JsonNode assign, String location, QueryLanguage language, Findings findings) {
        if (!assign.isObject()) {
            findings.schema("The field 'Assign' must be an object", location);
            return;
        }
        assign.properties().forEach(e -> {
            String key = e.getKey();
            String name = language == QueryLanguage.JSONPATH && key.endsWith(".$")
                    ? key.substring(0, key.length() - 2) : key;
            if (!NAME.matcher(name).matches() || name.length() > 80 || name.equals("states")) {
                findings.schema("The variable name '" + name + "' is not valid", location + "/" + key);
            }
        });
        if (language == QueryLanguage.JSONPATH) {
            Paths.template(assign, location, findings);
        }
    }
}
