package dev.lamina.server.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.logs.GroupMeta;
import dev.lamina.logs.LogGroupInfo;
import dev.lamina.logs.LogStore;
import dev.lamina.server.http.Json;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** CreateLogGroup, DeleteLogGroup, DescribeLogGroups, PutRetentionPolicy and DeleteRetentionPolicy. */
final class LogGroups {
    /** The retention periods the model allows (the Days shape's documentation). */
    static final List<Integer> RETENTION_DAYS = List.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545,
            731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);
    private static final Set<String> CLASSES = Set.of("STANDARD", "INFREQUENT_ACCESS", "DELIVERY");
    private static final int MAX_PAGE = 50;

    private final LogStore store;
    private final Arns arns;

    LogGroups(LogStore store, Arns arns) {
        this.store = store;
        this.arns = arns;
    }

    JsonNode create(ObjectNode body) {
        Input in = new Input(body);
        String name = in.required("logGroupName", 1, 512, Input.GROUP_NAME);
        Optional<String> kms = in.string("kmsKeyId", 0, 256, null);
        in.string("logGroupClass", 0, 64, null).filter(c -> !CLASSES.contains(c)).ifPresent(c -> {
            throw Input.invalid("logGroupClass", c, "Member must satisfy enum value set: " + CLASSES);
        });
        in.bool("deletionProtectionEnabled");
        JsonNode tags = in.raw("tags");
        store.createGroup(name, kms, tags == null || tags.isNull() ? Map.of() : LogTags.parse(tags, "tags"));
        return Json.object();
    }

    JsonNode delete(ObjectNode body) {
        store.deleteGroup(new Input(body).required("logGroupName", 1, 512, Input.GROUP_NAME));
        return Json.object();
    }

    JsonNode putRetention(ObjectNode body) {
        Input in = new Input(body);
        String name = in.required("logGroupName", 1, 512, Input.GROUP_NAME);
        if (in.raw("retentionInDays") == null || in.raw("retentionInDays").isNull()) {
            throw Input.missing("retentionInDays");
        }
        int days = in.integer("retentionInDays", Integer.MIN_VALUE, Integer.MAX_VALUE).getAsInt();
        if (!RETENTION_DAYS.contains(days)) {
            throw Input.invalid("retentionInDays", Integer.toString(days),
                    "Member must satisfy enum value set: " + RETENTION_DAYS);
        }
        store.putRetention(name, Optional.of(days));
        return Json.object();
    }

    JsonNode deleteRetention(ObjectNode body) {
        store.putRetention(new Input(body).required("logGroupName", 1, 512, Input.GROUP_NAME), Optional.empty());
        return Json.object();
    }

    JsonNode describe(ObjectNode body) {
        Input in = new Input(body);
        Optional<String> prefix = in.string("logGroupNamePrefix", 1, 512, Input.GROUP_NAME);
        Optional<String> pattern = in.string("logGroupNamePattern", 0, 512, Pattern.compile("[.\\-_/#A-Za-z0-9]*"));
        if (prefix.isPresent() && pattern.isPresent()) {
            throw Input.invalidParameter("LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.");
        }
        int limit = in.integer("limit", 1, MAX_PAGE).orElse(MAX_PAGE);
        Optional<String> after = in.string("nextToken", 1, 4096, null).map(Tokens::unopaque);
        in.list("accountIdentifiers", 0, 20);
        List<JsonNode> ids = in.list("logGroupIdentifiers", 1, 50);
        Set<String> wanted = ids.stream().map(n -> {
            if (!n.isTextual()) {
                throw Input.serialization("logGroupIdentifiers", "a list of strings");
            }
            return n.textValue().endsWith(":*") ? n.textValue().substring(0, n.textValue().length() - 2) : n.textValue();
        }).collect(java.util.stream.Collectors.toSet());
        if (!ids.isEmpty() && (prefix.isPresent() || pattern.isPresent())) {
            throw Input.invalidParameter("logGroupIdentifiers cannot be combined with logGroupNamePrefix"
                    + " or logGroupNamePattern.");
        }
        // The model: a case-sensitive substring search.
        String needle = pattern.orElse("");
        List<LogGroupInfo> matching = store.groups().stream()
                .filter(g -> prefix.map(g.meta().name()::startsWith).orElse(true))
                .filter(g -> g.meta().name().contains(needle))
                .filter(g -> wanted.isEmpty() || wanted.contains(g.meta().name())
                        || wanted.contains(arns.group(g.meta().name())))
                .filter(g -> after.map(a -> g.meta().name().compareTo(a) > 0).orElse(true))
                .toList();
        ObjectNode out = Json.object();
        ArrayNode groups = out.putArray("logGroups");
        matching.stream().limit(limit).forEach(g -> groups.add(render(g)));
        if (matching.size() > limit) {
            out.put("nextToken", Tokens.opaque(matching.get(limit - 1).meta().name()));
        }
        return out;
    }

    private ObjectNode render(LogGroupInfo info) {
        GroupMeta m = info.meta();
        ObjectNode g = Json.object().put("logGroupName", m.name()).put("creationTime", m.creationTime());
        m.retentionInDays().ifPresent(d -> g.put("retentionInDays", d));
        g.put("metricFilterCount", 0).put("arn", arns.groupResource(m.name())).put("storedBytes", info.storedBytes());
        m.kmsKeyId().ifPresent(k -> g.put("kmsKeyId", k));
        return g.put("logGroupClass", "STANDARD").put("logGroupArn", arns.group(m.name()));
    }
}
