package dev.lamina.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.control.iam.Identities;
import dev.lamina.control.iam.NewAccessKey;
import dev.lamina.model.ErrorCode;
import dev.lamina.model.LambdaException;
import dev.lamina.server.http.ApiRequest;
import dev.lamina.server.http.ApiResponse;
import dev.lamina.server.http.Json;
import dev.lamina.server.http.Route;
import dev.lamina.store.iam.Role;
import dev.lamina.store.iam.User;

import java.io.IOException;
import java.util.List;

/**
 * Lamina's identity administration over HTTP, for {@code lamina admin}: JSON in and out, members
 * named as in IAM's API (UserName, AccessKeyId, PolicyDocument …), IAM's error names. Each route is
 * named after its IAM action ({@code iam:CreateUser}), which the authorizer reserves for the root.
 *
 * <pre>
 * POST   /lamina/admin/users                                  {"UserName"}         → {"User"}
 * GET    /lamina/admin/users                                                       → {"Users"}
 * DELETE /lamina/admin/users/{UserName}                                            → 204
 * POST   /lamina/admin/users/{UserName}/access-keys                                → {"AccessKey"} (with the secret, once)
 * DELETE /lamina/admin/users/{UserName}/access-keys/{AccessKeyId}                  → 204
 * PUT    /lamina/admin/users/{UserName}/policies/{PolicyName} {"PolicyDocument"}   → 204
 * DELETE /lamina/admin/users/{UserName}/policies/{PolicyName}                      → 204
 * POST   /lamina/admin/roles                {"RoleName", "PolicyDocument"}         → {"Role"}
 * GET    /lamina/admin/roles                                                       → {"Roles"}
 * DELETE /lamina/admin/roles/{RoleName}                                            → 204
 * </pre>
 */
public final class AdminRoutes {
    public static final String PREFIX = "/lamina/admin";
    private static final long MAX_BODY = 64 * 1024;

    private final Identities identities;

    private AdminRoutes(Identities identities) {
        this.identities = identities;
    }

    public static List<Route> routes(Identities identities) {
        AdminRoutes a = new AdminRoutes(identities);
        return List.of(
                new Route("POST", PREFIX + "/users", "iam:CreateUser", MAX_BODY, a::createUser),
                new Route("GET", PREFIX + "/users", "iam:ListUsers", 0, r -> a.listUsers()),
                new Route("DELETE", PREFIX + "/users/{UserName}", "iam:DeleteUser", 0, a::deleteUser),
                new Route("POST", PREFIX + "/users/{UserName}/access-keys", "iam:CreateAccessKey", MAX_BODY,
                        a::createAccessKey),
                new Route("DELETE", PREFIX + "/users/{UserName}/access-keys/{AccessKeyId}", "iam:DeleteAccessKey", 0,
                        a::deleteAccessKey),
                new Route("PUT", PREFIX + "/users/{UserName}/policies/{PolicyName}", "iam:PutUserPolicy", MAX_BODY,
                        a::putUserPolicy),
                new Route("DELETE", PREFIX + "/users/{UserName}/policies/{PolicyName}", "iam:DeleteUserPolicy", 0,
                        a::deleteUserPolicy),
                new Route("POST", PREFIX + "/roles", "iam:CreateRole", MAX_BODY, a::createRole),
                new Route("GET", PREFIX + "/roles", "iam:ListRoles", 0, r -> a.listRoles()),
                new Route("DELETE", PREFIX + "/roles/{RoleName}", "iam:DeleteRole", 0, a::deleteRole));
    }

    private ApiResponse createUser(ApiRequest request) throws IOException {
        User user = identities.createUser(required(Json.readObject(request.body()), "UserName"));
        ObjectNode o = Json.object();
        o.set("User", user(user));
        return ok(o);
    }

    private ApiResponse listUsers() {
        ObjectNode o = Json.object();
        var users = o.putArray("Users");
        for (User u : identities.listUsers()) {
            ObjectNode n = user(u);
            identities.accessKeyIds(u.name()).forEach(n.putArray("AccessKeyIds")::add);
            identities.userPolicyDocuments(u.name()).keySet().forEach(n.putArray("PolicyNames")::add);
            users.add(n);
        }
        return ok(o);
    }

    private ApiResponse deleteUser(ApiRequest request) {
        identities.deleteUser(request.pathParam("UserName"));
        return ApiResponse.empty(204);
    }

    private ApiResponse createAccessKey(ApiRequest request) {
        NewAccessKey key = identities.createAccessKey(request.pathParam("UserName"));
        ObjectNode o = Json.object();
        o.putObject("AccessKey").put("UserName", key.userName()).put("AccessKeyId", key.accessKeyId())
                .put("SecretAccessKey", key.secretAccessKey()).put("Status", "Active")
                .put("CreateDate", key.createdAt().toString());
        return ok(o);
    }

    private ApiResponse deleteAccessKey(ApiRequest request) {
        identities.deleteAccessKey(request.pathParam("UserName"), request.pathParam("AccessKeyId"));
        return ApiResponse.empty(204);
    }

    private ApiResponse putUserPolicy(ApiRequest request) throws IOException {
        identities.putUserPolicy(request.pathParam("UserName"), request.pathParam("PolicyName"),
                required(Json.readObject(request.body()), "PolicyDocument"));
        return ApiResponse.empty(204);
    }

    private ApiResponse deleteUserPolicy(ApiRequest request) {
        identities.deleteUserPolicy(request.pathParam("UserName"), request.pathParam("PolicyName"));
        return ApiResponse.empty(204);
    }

    private ApiResponse createRole(ApiRequest request) throws IOException {
        ObjectNode body = Json.readObject(request.body());
        Role role = identities.createRole(required(body, "RoleName"), required(body, "PolicyDocument"));
        ObjectNode o = Json.object();
        o.set("Role", role(role));
        return ok(o);
    }

    private ApiResponse listRoles() {
        ObjectNode o = Json.object();
        var roles = o.putArray("Roles");
        identities.listRoles().forEach(r -> roles.add(role(r)));
        return ok(o);
    }

    private ApiResponse deleteRole(ApiRequest request) {
        identities.deleteRole(request.pathParam("RoleName"));
        return ApiResponse.empty(204);
    }

    private ObjectNode user(User u) {
        return Json.object().put("UserName", u.name()).put("UserId", u.userId()).put("Arn", identities.userArn(u.name()))
                .put("CreateDate", u.createdAt().toString());
    }

    private ObjectNode role(Role r) {
        return Json.object().put("RoleName", r.name()).put("RoleId", r.roleId()).put("Arn", identities.roleArn(r.name()))
                .put("CreateDate", r.createdAt().toString()).put("PolicyDocument", r.policy());
    }

    private static String required(ObjectNode body, String member) {
        JsonNode v = body.get(member);
        if (v == null || v.isNull()) {
            throw new LambdaException(ErrorCode.VALIDATION, "1 validation error detected: Value null at '" + member
                    + "' failed to satisfy constraint: Member must not be null");
        }
        if (!v.isTextual()) {
            throw new LambdaException(ErrorCode.SERIALIZATION, member + " must be a string.");
        }
        return v.textValue();
    }

    private static ApiResponse ok(ObjectNode body) {
        return ApiResponse.json(200, Json.bytes(body));
    }
}
