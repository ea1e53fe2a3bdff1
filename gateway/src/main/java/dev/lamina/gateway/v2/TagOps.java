package dev.lamina.gateway.v2;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.gateway.GatewayContext;
import dev.lamina.store.Transaction;
import dev.lamina.store.gateway.httpapis.HttpApiPart.Kind;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TagResource, UntagResource, GetTags on an API ({@code arn:aws:apigateway:<region>::/apis/<id>}) or
 * a stage ({@code …/apis/<id>/stages/<name>}): the same Tags that CreateApi and CreateStage take.
 */
final class TagOps {
    private static final Pattern ARN = Pattern.compile(
            "arn:aws[a-zA-Z-]*:apigateway:([a-z0-9-]+)::/apis/([a-z0-9]+)(?:/stages/([^/]+))?");

    private final GatewayContext context;

    TagOps(GatewayContext context) {
        this.context = context;
    }

    ObjectNode tag(ObjectNode in) {
        Target t = target(in);
        Map<String, String> tags = Fields.stringMap(in, "Tags").orElse(Map.of());
        context.store().write(tx -> {
            ObjectNode doc = t.read(tx, this);
            ObjectNode current = doc.with("Tags");
            tags.forEach(current::put);
            if (current.size() > 50) {
                throw Errors.badRequest("A resource can have at most 50 tags");
            }
            t.write(tx, doc);
            return null;
        });
        return Docs.object();
    }

    void untag(ObjectNode in) {
        Target t = target(in);
        List<String> keys = Fields.strings(in, "TagKeys").orElse(List.of());
        context.store().write(tx -> {
            ObjectNode doc = t.read(tx, this);
            doc.with("Tags").remove(keys);
            t.write(tx, doc);
            return null;
        });
    }

    ObjectNode get(ObjectNode in) {
        Target t = target(in);
        ObjectNode out = Docs.object();
        out.set("Tags", context.store().read(tx -> t.read(tx, this)).with("Tags").deepCopy());
        return out;
    }

    private Target target(ObjectNode in) {
        String arn = Fields.required(in, "ResourceArn");
        Matcher m = ARN.matcher(arn);
        if (!m.matches() || !m.group(1).equals(context.settings().region().toString())) {
            throw Errors.badRequest("Invalid resource ARN: " + arn + ". HTTP APIs are tagged as"
                    + " arn:aws:apigateway:<region>::/apis/<api-id>[/stages/<stage-name>]");
        }
        return new Target(m.group(2), Optional.ofNullable(m.group(3)));
    }

    private record Target(String apiId, Optional<String> stage) {
        ObjectNode read(Transaction tx, TagOps ops) {
            ObjectNode api = Docs.api(tx, ops.context.settings().account().toString(), apiId);
            if (stage.isEmpty()) {
                return api;
            }
            return Docs.part(tx, apiId, Kind.STAGE, stage.get())
                    .orElseThrow(() -> Errors.notFound("Invalid stage identifier specified"));
        }

        void write(Transaction tx, ObjectNode doc) {
            if (stage.isEmpty()) {
                Docs.putApi(tx, apiId, doc, tx.httpApis().find(apiId).orElseThrow().created());
            } else {
                Docs.putPart(tx, apiId, Kind.STAGE, stage.get(), doc,
                        tx.httpApis().findPart(apiId, Kind.STAGE, stage.get()).orElseThrow().created());
            }
        }
    }
}
