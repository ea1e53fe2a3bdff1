package dev.lamina.server.lambda;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.control.FunctionUrlConfig;
import dev.lamina.control.FunctionUrlConfig.AuthType;
import dev.lamina.control.FunctionUrlConfig.Cors;
import dev.lamina.control.FunctionUrlConfig.InvokeMode;
import dev.lamina.model.FunctionName;
import dev.lamina.model.FunctionRef;
import dev.lamina.model.Qualifier;
import dev.lamina.server.http.ApiRequest;
import dev.lamina.server.http.Json;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * What the function URL operations share: the function and alias a request names, the body's
 * settings checked against the model, and the FunctionUrlConfig shape with the URL that leads
 * back to this server.
 */
final class FunctionUrlConfigShapes {
    /** FunctionUrlQualifier: an alias name; versions and $LATEST are refused. */
    static final String QUALIFIER_PATTERN = "((?!^\\d+$)^[0-9a-zA-Z-_]+$)";
    /** CreationTime and LastModifiedTime: {@code 2026-12-07T16:40:01.123000Z}. */
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private FunctionUrlConfigShapes() {
    }

    /** The function and alias of a request: from the name ({@code f:live}) or Qualifier; both must agree. */
    record Target(FunctionName function, Optional<Qualifier.Alias> alias) {
    }

    /** The request's target; the qualifier's violations are reported with the body's. */
    static Target target(LambdaApi api, ApiRequest request, Violations v) {
        FunctionRef ref = api.functionRef(request);
        Optional<String> param = request.queryParam("Qualifier");
        param.ifPresent(q -> {
            v.length("qualifier", q, 1, 128);
            v.pattern("qualifier", q, QUALIFIER_PATTERN);
        });
        ref.qualifier().ifPresent(q -> v.pattern("qualifier", q.value(), QUALIFIER_PATTERN));
        v.throwIfAny();
        Optional<Qualifier> qualifier = ref.qualifierWith(param.map(Qualifier::parse));
        return new Target(ref.name(), qualifier.map(q -> (Qualifier.Alias) q));
    }

    /** The settings of a Create or Update body. */
    record Settings(Optional<AuthType> authType, Optional<Cors> cors, Optional<InvokeMode> invokeMode) {
    }

    static Settings settings(Fields f, Violations v, boolean authTypeRequired) {
        Optional<String> auth = f.string("AuthType");
        if (authTypeRequired) {
            v.required("authType", auth.orElse(null));
        }
        v.oneOf("authType", auth.orElse(null), List.of("AWS_IAM", "NONE"));
        Optional<String> mode = f.string("InvokeMode");
        v.oneOf("invokeMode", mode.orElse(null), List.of("RESPONSE_STREAM", "BUFFERED"));
        Optional<Cors> cors = f.object("Cors").map(c -> cors(c, v));
        return new Settings(auth.filter(a -> List.of("AWS_IAM", "NONE").contains(a)).map(AuthType::valueOf), cors,
                mode.filter(m -> List.of("RESPONSE_STREAM", "BUFFERED").contains(m)).map(InvokeMode::valueOf));
    }

    private static Cors cors(Fields c, Violations v) {
        Optional<List<String>> origins = c.strings("AllowOrigins");
        list(v, "cors.allowOrigins", origins, 100, 1, 253);
        Optional<List<String>> methods = c.strings("AllowMethods");
        list(v, "cors.allowMethods", methods, 6, 0, 6);
        Optional<List<String>> headers = c.strings("AllowHeaders");
        list(v, "cors.allowHeaders", headers, 100, 0, 1024);
        Optional<List<String>> expose = c.strings("ExposeHeaders");
        list(v, "cors.exposeHeaders", expose, 100, 0, 1024);
        Optional<Integer> maxAge = c.integer("MaxAge");
        maxAge.ifPresent(n -> {
            v.min("cors.maxAge", n, 0);
            v.max("cors.maxAge", n, 86400);
        });
        return new Cors(c.bool("AllowCredentials"), headers, methods, origins, expose, maxAge);
    }

    /** A list member's constraints: its size, then each item's length, worded as AWS words nested constraints. */
    private static void list(Violations v, String member, Optional<List<String>> values, int maxSize, int minLength,
                             int maxLength) {
        if (values.isEmpty()) {
            return;
        }
        List<String> list = values.get();
        if (list.size() > maxSize) {
            v.add(member, list, "Member must have length less than or equal to " + maxSize);
        }
        for (String item : list) {
            if (item.length() < minLength || item.length() > maxLength) {
                v.add(member, list, "Member must satisfy constraint: [Member must have length less than or equal to "
                        + maxLength + ", Member must have length greater than or equal to " + minLength + "]");
                return;
            }
        }
    }

    /**
     * The FunctionUrlConfig shape.
     *
     * @param full Get and List: LastModifiedTime and the InvokeMode in effect; Create: neither (only
     *             an InvokeMode that was set); Update: LastModifiedTime and an InvokeMode that was set
     */
    static ObjectNode config(FunctionUrlConfig c, String callerHost, String region, boolean full, boolean modified) {
        ObjectNode o = Json.object();
        o.put("FunctionUrl", url(c.urlId(), region, callerHost));
        o.put("FunctionArn", c.arn().toString());
        o.put("AuthType", c.authType().name());
        c.cors().ifPresent(cors -> o.set("Cors", cors(cors)));
        o.put("CreationTime", time(c.created()));
        if (modified) {
            o.put("LastModifiedTime", time(c.lastModified()));
        }
        if (full) {
            o.put("InvokeMode", c.effectiveInvokeMode().name());
        } else {
            c.invokeMode().ifPresent(m -> o.put("InvokeMode", m.name()));
        }
        return o;
    }

    private static ObjectNode cors(Cors c) {
        ObjectNode o = Json.object();
        c.allowCredentials().ifPresent(b -> o.put("AllowCredentials", b));
        c.allowHeaders().ifPresent(l -> l.forEach(o.putArray("AllowHeaders")::add));
        c.allowMethods().ifPresent(l -> l.forEach(o.putArray("AllowMethods")::add));
        c.allowOrigins().ifPresent(l -> l.forEach(o.putArray("AllowOrigins")::add));
        c.exposeHeaders().ifPresent(l -> l.forEach(o.putArray("ExposeHeaders")::add));
        c.maxAge().ifPresent(n -> o.put("MaxAge", n));
        return o;
    }

    /**
     * The URL of a function URL on this server: {@code http://<url-id>.lambda-url.<region>.localhost:<port>/},
     * with the port the caller reached this server on; {@code *.localhost} resolves to the loopback
     * address without any DNS set-up.
     */
    static String url(String urlId, String region, String callerHost) {
        String host = callerHost == null ? "" : callerHost;
        int colon = host.lastIndexOf(':');
        String port = colon >= 0 && colon > host.lastIndexOf(']') ? host.substring(colon) : "";
        if (!port.matches(":[0-9]{1,5}")) {
            port = "";
        }
        return "http://" + urlId + ".lambda-url." + region + ".localhost" + port + "/";
    }

    private static String time(Instant instant) {
        return TIME.format(instant);
    }
}
