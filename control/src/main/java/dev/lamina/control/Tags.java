package dev.lamina.control;

import dev.lamina.model.AccountId;
import dev.lamina.model.FunctionName;
import dev.lamina.model.FunctionRecord;
import dev.lamina.model.LambdaException;
import dev.lamina.model.Region;
import dev.lamina.store.Store;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** TagResource, UntagResource and ListTags, for functions (the only taggable resource so far). */
public final class Tags {
    static final int MAX_TAGS = 50;
    static final int MAX_KEY_LENGTH = 128;
    static final int MAX_VALUE_LENGTH = 256;
    private static final Pattern FUNCTION_ARN = Pattern.compile(
            "arn:(?<partition>aws[a-zA-Z-]*):lambda:(?<region>[^:]+):(?<account>\\d{12}):function:(?<name>[a-zA-Z0-9_-]+)(?<qualifier>:.*)?");

    private final Store store;
    private final Resolver resolver;
    private final ControlSettings settings;

    Tags(Store store, Resolver resolver, ControlSettings settings) {
        this.store = store;
        this.resolver = resolver;
        this.settings = settings;
    }

    /** Checks a set of tags against AWS's limits. */
    static void check(Map<String, String> tags) {
        if (tags.size() > MAX_TAGS) {
            throw LambdaException.invalidParameter("Number of tags exceeds resource tag limit.");
        }
        tags.forEach((key, value) -> {
            if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
                throw LambdaException.invalidParameter("Tag keys must be between 1 and " + MAX_KEY_LENGTH
                        + " characters long: " + key);
            }
            if (value.length() > MAX_VALUE_LENGTH) {
                throw LambdaException.invalidParameter("Tag values may be at most " + MAX_VALUE_LENGTH
                        + " characters long, for the key " + key);
            }
            if (key.toLowerCase(java.util.Locale.ROOT).startsWith("aws:")) {
                throw LambdaException.invalidParameter("Tag keys may not start with the reserved prefix aws: " + key);
            }
        });
    }

    public void tag(String resourceArn, Map<String, String> tags) {
        FunctionName name = function(resourceArn);
        store.write(tx -> {
            FunctionRecord f = resolver.function(tx, name);
            Map<String, String> merged = new HashMap<>(f.tags());
            merged.putAll(tags);
            check(merged);
            tx.functions().update(f.withTags(merged));
            return null;
        });
    }

    public void untag(String resourceArn, Collection<String> keys) {
        FunctionName name = function(resourceArn);
        store.write(tx -> {
            FunctionRecord f = resolver.function(tx, name);
            Map<String, String> remaining = new HashMap<>(f.tags());
            keys.forEach(remaining::remove);
            tx.functions().update(f.withTags(remaining));
            return null;
        });
    }

    public Map<String, String> list(String resourceArn) {
        FunctionName name = function(resourceArn);
        return store.read(tx -> resolver.function(tx, name).tags());
    }

    private FunctionName function(String arn) {
        return taggedFunction(arn, settings.region(), settings.account());
    }

    /**
     * The function an unqualified function ARN of this partition ({@code aws}), region and account
     * names: the one parser of tag operations' Resource, shared by the operations and their
     * authorization, so what is authorized is what is tagged.
     *
     * @throws LambdaException InvalidParameterValueException when the text is no unqualified
     *         function ARN, ResourceNotFoundException when it names another partition, region or account
     */
    public static FunctionName taggedFunction(String arn, Region region, AccountId account) {
        Matcher m = FUNCTION_ARN.matcher(arn);
        if (!m.matches()) {
            throw LambdaException.invalidParameter("Invalid ARN: " + arn + " does not name a Lambda function.");
        }
        if (m.group("qualifier") != null) {
            throw LambdaException.invalidParameter("Tags are not supported on qualified function ARNs: " + arn);
        }
        FunctionName name = new FunctionName(m.group("name"));
        // Lamina's functions are all in the partition aws: arn:aws-x:… names none of them.
        if (!m.group("partition").equals("aws") || !m.group("region").equals(region.name())
                || !new AccountId(m.group("account")).equals(account)) {
            throw LambdaException.notFound("Function not found: " + arn);
        }
        return name;
    }
}
