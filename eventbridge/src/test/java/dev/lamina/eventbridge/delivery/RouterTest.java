package dev.lamina.eventbridge.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.eventbridge.rules.RuleIndex;
import dev.lamina.eventbridge.target.Target;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RouterTest {
    static final String EVENT = "{\"version\":\"0\",\"id\":\"e\",\"detail-type\":\"t\",\"source\":\"s\","
            + "\"account\":\"000000000000\",\"time\":\"2026-12-07T12:00:00Z\",\"region\":\"us-east-1\","
            + "\"resources\":[],\"detail\":{\"k\":\"v\"}}";

    /** Every rule of the bus "b" matches; no other bus has rules. */
    record Rules(List<RuleIndex.RuleMatch> matches) implements RuleIndex {
        @Override
        public boolean busExists(String bus) {
            return bus.equals("b");
        }

        @Override
        public List<RuleMatch> match(String bus, String event) {
            return bus.equals("b") ? matches : List.of();
        }

        @Override
        public List<ScheduledRule> scheduled() {
            return List.of();
        }
    }

    static Target target(String arn, String inputPath) {
        ObjectNode doc = Envelope.JSON.createObjectNode().put("Id", arn).put("Arn", arn);
        if (inputPath != null) {
            doc.put("InputPath", inputPath);
        }
        return Target.of(doc);
    }

    @Test
    void eachTargetOfEachMatchingRuleIsOwedItsRenderingAndABusTargetTheEventItself() {
        String rule = "arn:aws:events:us-east-1:000000000000:rule/b/r";
        Target queue = target("arn:aws:sqs:us-east-1:000000000000:q", "$.detail");
        Target bus = target("arn:aws:events:us-east-1:000000000000:event-bus/other", null);
        Instant at = Instant.parse("2026-12-07T12:00:01Z");
        List<Delivery> out = new Router(new Rules(List.of(new RuleIndex.RuleMatch(rule, "r", "b", List.of(queue, bus)))))
                .route("b", EVENT, at);
        assertThat(out).containsExactly(new Delivery(Delivery.Origin.RULE, rule, queue, "{\"k\":\"v\"}", at),
                new Delivery(Delivery.Origin.RULE, rule, bus, EVENT, at));
        assertThat(new Router(new Rules(List.of())).route("b", EVENT, at)).isEmpty();
    }

    @Test
    void aBusIsNamedByNameOrByArn() {
        assertThat(Router.busName("orders")).isEqualTo("orders");
        assertThat(Router.busName("arn:aws:events:us-east-1:000000000000:event-bus/orders")).isEqualTo("orders");
    }
}
