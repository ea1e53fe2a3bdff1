package dev.lamina.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lamina.cli.Lamina;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code lamina admin …} through the command's real entry point against a test server, with
 * the root credentials in the environment as an operator would set them.
 */
final class Admin {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Result(int exitCode, String out, String err) {
        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (java.io.IOException e) {
                throw new AssertionError("not JSON: " + out, e);
            }
        }
    }

    private final TestServer server;
    private final Map<String, String> environment;

    Admin(TestServer server) {
        this(server, TestServer.KEYS.accessKeyId(), TestServer.KEYS.secretAccessKey());
    }

    /** An admin command that signs with other keys (to see that only the root may administer). */
    Admin(TestServer server, String accessKeyId, String secretAccessKey) {
        this.server = server;
        this.environment = Map.of("LAMINA_ROOT_ACCESS_KEY_ID", accessKeyId,
                "LAMINA_ROOT_SECRET_ACCESS_KEY", secretAccessKey, "HOME", "/nonexistent");
    }

    Result run(String... args) {
        List<String> all = new ArrayList<>(List.of("admin", "--endpoint", server.endpoint().toString()));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Lamina.run(environment, new PrintWriter(out, true), new PrintWriter(err, true),
                all.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    /** Runs a command that must succeed. */
    Result ok(String... args) {
        Result r = run(args);
        if (r.exitCode() != 0) {
            throw new AssertionError("lamina admin " + String.join(" ", args) + " failed: " + r.err());
        }
        return r;
    }

    /** Creates a user with one access key and the given inline policy (none when null): its keys. */
    String[] user(String name, String policy) {
        ok("create-user", name);
        if (policy != null) {
            ok("put-user-policy", name, "inline", "--policy-document", policy);
        }
        JsonNode key = ok("create-access-key", name).json().get("AccessKey");
        return new String[] {key.get("AccessKeyId").asText(), key.get("SecretAccessKey").asText()};
    }
}
