package dev.lamina.it;

import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Environment;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The resources a Step Functions conformance case needs, created on the server under names unique to
 * the run: functions (one per distinct handler, runtime, timeout and environment, shared by every
 * case that uses it), SQS queues and nested state machines; and the tokens of the case's texts
 * replaced by their names. Cases needing what Lamina does not host yet are recognised here.
 */
final class ConformanceResources {
    private static final Pattern TOKEN = Pattern.compile("\\{\\{([^}]+)}}");

    private final LambdaClient lambda;
    private final SqsClient sqs;
    private final SfnClient sfn;
    private final String run;
    private final Map<String, CompletableFuture<String>> functions = new ConcurrentHashMap<>();

    ConformanceResources(LambdaClient lambda, SqsClient sqs, SfnClient sfn, String run) {
        this.lambda = lambda;
        this.sqs = sqs;
        this.sfn = sfn;
        this.run = run;
    }

    /** Why a case cannot run on Lamina yet, if it cannot (S3 until issue 20; setup calls this harness does not make). */
    Optional<String> unsupported(JsonNode c, Path dir) {
        if (!c.path("buckets").isEmpty()) {
            return Optional.of("needs S3 buckets, which Lamina does not host yet (issue 20)");
        }
        for (JsonNode call : c.path("setup")) {
            String service = call.path("service").asText();
            return Optional.of(service.equals("s3") ? "needs S3 (setup " + call.path("op").asText() + "), which Lamina "
                    + "does not host yet (issue 20)" : "setup call " + service + ":" + call.path("op").asText()
                    + " is not made by this harness");
        }
        String definition = StepFunctionsConformanceIT.read(dir, c.path("definition").asText());
        if (definition.contains("aws-sdk:s3:") || definition.contains(":::s3:")) {
            return Optional.of("calls S3, which Lamina does not host yet (issue 20)");
        }
        return Optional.empty();
    }

    /** Creates the case's resources; the token → name map for {@link #replace}. */
    Map<String, String> create(JsonNode c, Path dir) {
        String id = c.path("id").asText();
        Map<String, String> tokens = new LinkedHashMap<>();
        for (JsonNode f : c.path("functions")) {
            tokens.put(f.path("token").asText(), function(f, dir));
        }
        for (JsonNode q : c.path("queues")) {
            String token = q.asText();
            String name = "sfnc-" + run + "-" + id + "-" + token;
            Map<String, String> attributes = new HashMap<>();
            c.path("queueAttributes").path(token).properties().forEach(e -> attributes.put(e.getKey(), e.getValue().asText()));
            String url = sqs.createQueue(b -> b.queueName(name).attributesWithStrings(attributes)).queueUrl();
            tokens.put(token, name);
            tokens.put("queue_url:" + token, url);
        }
        for (JsonNode m : c.path("stateMachines")) {
            String token = m.isTextual() ? m.asText() : m.path("token").asText();
            String file = m.isObject() && m.has("definition") ? m.path("definition").asText()
                    : "cases/" + id + "/nested-" + token + ".json";
            String name = "sfnc-" + run + "-" + id + "-" + token;
            String definition = replace(StepFunctionsConformanceIT.read(dir, file), tokens);
            sfn.createStateMachine(b -> b.name(name).definition(definition).roleArn(StepFunctionsTesting.ROLE)
                    .type(StateMachineType.STANDARD));
            tokens.put(token, name);
        }
        return tokens;
    }

    /** One function per distinct (source, runtime, handler, timeout, env), created by the first case that needs it. */
    private String function(JsonNode f, Path dir) {
        String key = f.path("source").asText() + "|" + f.path("runtime").asText() + "|" + f.path("handler").asText()
                + "|" + f.path("timeout").asText() + "|" + f.path("env");
        CompletableFuture<String> mine = new CompletableFuture<>();
        CompletableFuture<String> existing = functions.putIfAbsent(key, mine);
        if (existing != null) {
            return existing.join();
        }
        try {
            String name = "sfnc-" + run + "-" + hash(key);
            byte[] source = Files.readAllBytes(dir.resolve(f.path("source").asText()));
            byte[] zip = Packages.zip(Map.of("handler.py", new Packages.Entry(source, 0644)));
            Map<String, String> env = new HashMap<>();
            f.path("env").properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
            int timeout = f.path("timeout").isNumber() ? f.path("timeout").asInt() : 30;
            Functions.create(lambda, name, f.path("runtime").asText(), f.path("handler").asText(), zip,
                    b -> b.timeout(timeout).environment(Environment.builder().variables(env).build()));
            mine.complete(name);
            return name;
        } catch (Exception | Error e) {
            mine.completeExceptionally(e);
            throw new IllegalStateException("creating function for " + key, e);
        }
    }

    /** The text with every {{token}} replaced by its name; an unknown token is an error of the harness. */
    static String replace(String text, Map<String, String> tokens) {
        Matcher m = TOKEN.matcher(text);
        return m.replaceAll(r -> {
            String name = tokens.get(r.group(1));
            if (name == null) {
                throw new IllegalStateException("no resource for token {{" + r.group(1) + "}}");
            }
            return Matcher.quoteReplacement(name);
        });
    }

    private static String hash(String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
