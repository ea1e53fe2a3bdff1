package dev.lamina.workflows.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.store.stepfunctions.StepFunctionsDocument.Kind;
import dev.lamina.workflows.Arns;
import dev.lamina.workflows.StatesErrors;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** TagResource, UntagResource, ListTagsForResource on a state machine or an activity. */
final class TagOps {
    /** At most 50 tags per resource, as AWS. */
    static final int MAX_TAGS = 50;

    private final MachineBook book;
    private final Arns arns;

    TagOps(MachineBook book, Arns arns) {
        this.book = book;
        this.arns = arns;
    }

    void register(Map<String, StatesOperations.Operation> operations) {
        operations.put("TagResource", this::tag);
        operations.put("UntagResource", this::untag);
        operations.put("ListTagsForResource", this::list);
    }

    /** A taggable resource: its kind and name. */
    private record Resource(Kind kind, String name, String arn) {
    }

    private Resource resource(ObjectNode in) {
        String arn = Fields.required(in, "resourceArn");
        StatesArn parsed = StatesArn.parse(arn, Set.of("stateMachine", "activity"));
        if (parsed.type().equals("activity")) {
            return new Resource(Kind.ACTIVITY, parsed.path(), arn);
        }
        if (parsed.qualifier().isPresent()) {
            throw StatesArn.wrongType(parsed.versioned() ? "stateMachineVersion" : "stateMachineAlias");
        }
        return new Resource(Kind.MACHINE, parsed.machineName(), arn);
    }

    private ObjectNode read(Resource r) {
        String expected = r.kind() == Kind.ACTIVITY ? arns.activity(r.name()) : arns.stateMachine(r.name());
        Optional<ObjectNode> doc = r.arn().equals(expected) ? book.find(r.kind(), "", r.name()) : Optional.empty();
        return doc.orElseThrow(() -> StatesErrors.resourceNotFound("Resource not found: '" + r.arn() + "'"));
    }

    private JsonNode tag(ObjectNode in) {
        Resource r = resource(in);
        JsonNode given = in.get("tags");
        return book.atomically(() -> {
            ObjectNode doc = read(r);
            doc.set("tags", Fields.mergeTags(doc.path("tags"), given));
            book.put(r.kind(), "", r.name(), doc);
            return Fields.object();
        });
    }

    private JsonNode untag(ObjectNode in) {
        Resource r = resource(in);
        Set<String> remove = new HashSet<>();
        in.path("tagKeys").forEach(k -> remove.add(k.asText()));
        return book.atomically(() -> {
            ObjectNode doc = read(r);
            ArrayNode kept = Fields.array();
            doc.path("tags").forEach(t -> {
                if (!remove.contains(t.path("key").asText())) {
                    kept.add(t);
                }
            });
            doc.set("tags", kept);
            book.put(r.kind(), "", r.name(), doc);
            return Fields.object();
        });
    }

    private JsonNode list(ObjectNode in) {
        ObjectNode doc = read(resource(in));
        ObjectNode out = Fields.object();
        out.set("tags", doc.path("tags").isArray() ? doc.get("tags") : Fields.array());
        return out;
    }
}
