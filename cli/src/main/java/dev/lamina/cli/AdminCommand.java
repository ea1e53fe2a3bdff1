package dev.lamina.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code lamina admin …}: manages users, their access keys and policies, and roles on a running
 * server, over HTTP signed with the root credentials ({@link ServerConnection}).
 */
@Command(name = "admin", mixinStandardHelpOptions = true,
        description = "Manage users, access keys, identity policies and roles of a running Lamina server.",
        subcommands = {AdminCommand.CreateUser.class, AdminCommand.DeleteUser.class, AdminCommand.ListUsers.class,
                AdminCommand.CreateAccessKey.class, AdminCommand.DeleteAccessKey.class,
                AdminCommand.PutUserPolicy.class, AdminCommand.DeleteUserPolicy.class,
                AdminCommand.CreateRole.class, AdminCommand.DeleteRole.class, AdminCommand.ListRoles.class})
final class AdminCommand {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Mixin
    ServerConnection connection;

    @Spec
    CommandSpec spec;

    private final Map<String, String> environment;

    AdminCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    AdminClient client() {
        return connection.client(environment);
    }

    void print(JsonNode node) {
        try {
            spec.commandLine().getOut().println(JSON.writeValueAsString(node));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        spec.commandLine().getOut().flush();
    }

    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A policy document given inline or in a file. */
    static final class Document {
        @Option(names = "--policy-document", required = true, description = "The policy document (JSON) itself.")
        String inline;

        @Option(names = "--policy-file", required = true, description = "A file holding the policy document.")
        Path file;

        String text() {
            if (inline != null) {
                return inline;
            }
            try {
                return Files.readString(file);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
            }
        }
    }

    /** The common shape of the subcommands: one call, its answer printed. */
    abstract static class Call implements Callable<Integer> {
        @ParentCommand
        AdminCommand admin;

        abstract JsonNode run(AdminClient client);

        @Override
        public Integer call() {
            try {
                JsonNode answer = run(admin.client());
                if (!answer.isEmpty()) {
                    admin.print(answer);
                }
                return 0;
            } catch (AdminClient.AdminException e) {
                admin.spec.commandLine().getErr().println("lamina admin: " + e.getMessage());
                return 1;
            }
        }

        static ObjectNode body() {
            return JSON.createObjectNode();
        }
    }

    /** Subcommands about one user: USER is their first parameter. */
    abstract static class OnUser extends Call {
        @Parameters(index = "0", paramLabel = "USER")
        String user;

        String path() {
            return "/lamina/admin/users/" + segment(user);
        }
    }

    /** Subcommands about one role. */
    abstract static class OnRole extends Call {
        @Parameters(index = "0", paramLabel = "ROLE")
        String role;
    }

    @Command(name = "create-user", description = "Create a user (no keys, no permissions yet).")
    static final class CreateUser extends OnUser {
        @Override
        JsonNode run(AdminClient c) {
            return c.call("POST", "/lamina/admin/users", body().put("UserName", user));
        }
    }

    @Command(name = "delete-user", description = "Delete a user with its access keys and policies.")
    static final class DeleteUser extends OnUser {
        @Override
        JsonNode run(AdminClient c) {
            return c.call("DELETE", path(), null);
        }
    }

    @Command(name = "list-users", description = "List users with their access key ids and policy names.")
    static final class ListUsers extends Call {
        @Override
        JsonNode run(AdminClient c) {
            return c.call("GET", "/lamina/admin/users", null);
        }
    }

    @Command(name = "create-access-key", description = "Create an access key for a user; its secret is shown only now.")
    static final class CreateAccessKey extends OnUser {
        @Override
        JsonNode run(AdminClient c) {
            return c.call("POST", path() + "/access-keys", null);
        }
    }

    @Command(name = "delete-access-key", description = "Delete one of a user's access keys.")
    static final class DeleteAccessKey extends OnUser {
        @Parameters(index = "1", paramLabel = "ACCESS_KEY_ID")
        String keyId;

        @Override
        JsonNode run(AdminClient c) {
            return c.call("DELETE", path() + "/access-keys/" + segment(keyId), null);
        }
    }

    @Command(name = "put-user-policy", description = "Create or replace a named inline policy of a user.")
    static final class PutUserPolicy extends OnUser {
        @Parameters(index = "1", paramLabel = "POLICY_NAME")
        String policy;

        @ArgGroup(multiplicity = "1")
        Document document;

        @Override
        JsonNode run(AdminClient c) {
            return c.call("PUT", path() + "/policies/" + segment(policy), body().put("PolicyDocument", document.text()));
        }
    }

    @Command(name = "delete-user-policy", description = "Delete a named inline policy of a user.")
    static final class DeleteUserPolicy extends OnUser {
        @Parameters(index = "1", paramLabel = "POLICY_NAME")
        String policy;

        @Override
        JsonNode run(AdminClient c) {
            return c.call("DELETE", path() + "/policies/" + segment(policy), null);
        }
    }

    @Command(name = "create-role", description = "Create a role with its policy; prints the role's ARN.")
    static final class CreateRole extends OnRole {
        @ArgGroup(multiplicity = "1")
        Document document;

        @Override
        JsonNode run(AdminClient c) {
            return c.call("POST", "/lamina/admin/roles", body().put("RoleName", role)
                    .put("PolicyDocument", document.text()));
        }
    }

    @Command(name = "delete-role", description = "Delete a role.")
    static final class DeleteRole extends OnRole {
        @Override
        JsonNode run(AdminClient c) {
            return c.call("DELETE", "/lamina/admin/roles/" + segment(role), null);
        }
    }

    @Command(name = "list-roles", description = "List roles with their ARNs and policies.")
    static final class ListRoles extends Call {
        @Override
        JsonNode run(AdminClient c) {
            return c.call("GET", "/lamina/admin/roles", null);
        }
    }
}
