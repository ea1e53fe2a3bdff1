package dev.lamina.server.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.logs.LogResourceException;
import dev.lamina.logs.LogStore;
import dev.lamina.server.http.Json;
import dev.lamina.server.http.JsonServiceException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A log group's tags: TagResource, UntagResource and ListTagsForResource (by the group's ARN, what
 * Terraform's {@code aws_cloudwatch_log_group} uses) and the deprecated TagLogGroup, UntagLogGroup and
 * ListTagsLogGroup (by name, what older providers use). Keys and values as the model constrains them;
 * keys beginning {@code aws:} are AWS's own; a group has at most 50 tags.
 */
final class LogTags {
    static final int MAX_TAGS = 50;
    private static final Pattern TAG_KEY = Pattern.compile("^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+)$");
    private static final Pattern TAG_VALUE = Pattern.compile("^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$");
    private static final Pattern RESOURCE_ARN = Pattern.compile("[\\w+=/:,.@-]*");

    private final LogStore store;
    private final Arns arns;

    LogTags(LogStore store, Arns arns) {
        this.store = store;
        this.arns = arns;
    }

    JsonNode tagResource(ObjectNode body) {
        Input in = new Input(body);
        String group = groupOf(in);
        add(group, parse(in, "tags"));
        return Json.object();
    }

    JsonNode untagResource(ObjectNode body) {
        Input in = new Input(body);
        String group = groupOf(in);
        remove(group, keys(in, "tagKeys", 0));
        return Json.object();
    }

    JsonNode listTagsForResource(ObjectNode body) {
        return list(groupOf(new Input(body)));
    }

    JsonNode tagLogGroup(ObjectNode body) {
        Input in = new Input(body);
        String group = in.required("logGroupName", 1, 512, Input.GROUP_NAME);
        add(group, parse(in, "tags"));
        return Json.object();
    }

    JsonNode untagLogGroup(ObjectNode body) {
        Input in = new Input(body);
        String group = in.required("logGroupName", 1, 512, Input.GROUP_NAME);
        remove(group, keys(in, "tags", 1));
        return Json.object();
    }

    JsonNode listTagsLogGroup(ObjectNode body) {
        return list(new Input(body).required("logGroupName", 1, 512, Input.GROUP_NAME));
    }

    /** The group a resourceArn names; any other resource (a destination, another account's) does not exist. */
    private String groupOf(Input in) {
        String arn = in.required("resourceArn", 1, 1011, RESOURCE_ARN);
        return arns.groupOfArn(arn).orElseThrow(() -> new JsonServiceException("ResourceNotFoundException",
                "The specified resource does not exist."));
    }

    private void add(String group, Map<String, String> tags) {
        store.changeTags(group, old -> {
            Map<String, String> merged = new LinkedHashMap<>(old);
            merged.putAll(tags);
            if (merged.size() > MAX_TAGS) {
                throw new JsonServiceException("TooManyTagsException",
                        "A resource can have no more than " + MAX_TAGS + " tags.");
            }
            return merged;
        });
    }

    private void remove(String group, List<String> keys) {
        store.changeTags(group, old -> {
            Map<String, String> left = new LinkedHashMap<>(old);
            keys.forEach(left::remove);
            return left;
        });
    }

    private ObjectNode list(String group) {
        ObjectNode out = Json.object();
        ObjectNode tags = out.putObject("tags");
        new TreeMap<>(store.group(group).orElseThrow(LogResourceException::noGroup).meta().tags()).forEach(tags::put);
        return out;
    }

    /** A Tags member (1 to 50 entries), required. */
    static Map<String, String> parse(Input in, String member) {
        JsonNode tags = in.raw(member);
        if (tags == null || tags.isNull()) {
            throw Input.missing(member);
        }
        return parse(tags, member);
    }

    /** A Tags map (CreateLogGroup's {@code tags} too): 1 to 50 keys and values as the model allows. */
    static Map<String, String> parse(JsonNode tags, String member) {
        if (!tags.isObject()) {
            throw Input.serialization(member, "a map");
        }
        if (tags.isEmpty() || tags.size() > MAX_TAGS) {
            throw Input.invalid(member, "{…}", "Member must have length between 1 and " + MAX_TAGS);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (var e : tags.properties()) {
            if (!e.getValue().isTextual()) {
                throw Input.serialization(member, "a map of strings");
            }
            String v = e.getValue().textValue();
            if (v.codePointCount(0, v.length()) > 256 || !TAG_VALUE.matcher(v).matches()) {
                throw Input.invalid(member, v, "Member must satisfy regular expression pattern: " + TAG_VALUE.pattern());
            }
            out.put(key(e.getKey(), member), v);
        }
        return out;
    }

    private static List<String> keys(Input in, String member, int min) {
        if (in.raw(member) == null || in.raw(member).isNull()) {
            throw Input.missing(member);
        }
        return in.list(member, min, MAX_TAGS).stream().map(k -> {
            if (!k.isTextual()) {
                throw Input.serialization(member, "a list of strings");
            }
            return key(k.textValue(), member);
        }).toList();
    }

    private static String key(String k, String member) {
        int length = k.codePointCount(0, k.length());
        if (length < 1 || length > 128 || !TAG_KEY.matcher(k).matches()) {
            throw Input.invalid(member, k, "Member must satisfy regular expression pattern: " + TAG_KEY.pattern());
        }
        if (k.regionMatches(true, 0, "aws:", 0, 4)) {
            throw Input.invalidParameter("Tag keys beginning with 'aws:' are reserved for AWS use: " + k);
        }
        return k;
    }
}
