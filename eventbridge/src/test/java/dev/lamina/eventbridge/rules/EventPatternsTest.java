package dev.lamina.eventbridge.rules;

import dev.lamina.model.ServiceException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventPatternsTest {
    private static final String EVENT = """
            {"id":"1","source":"s","detail-type":"t","account":"000000000000","time":"2026-12-07T10:00:00Z",
             "region":"us-east-1","detail":{"key":"photos/cat.png","n":5,"ip":"10.0.0.7"}}""";

    @Test
    void aValidPatternPasses() {
        EventPatterns.check("{\"source\":[\"s\"],\"detail\":{\"n\":[{\"numeric\":[\">\",1]}]}}");
    }

    @Test
    void anInvalidPatternIsAwssErrorWithEventRulersReasonAndNoJacksonLocation() {
        assertThatThrownBy(() -> EventPatterns.check("{\"detail\":{\"n\":[{\"numeric\":[\">\",0,\"<\"]}]}}"))
                .isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.code()).isEqualTo("InvalidEventPatternException"))
                .hasMessage("Event pattern is not valid. Reason: Value of < must be numeric");
        assertThatThrownBy(() -> EventPatterns.check("not json"))
                .hasMessageStartingWith("Event pattern is not valid. Reason: Unrecognized token 'not'")
                .hasMessageNotContaining("[Source");
        assertThatThrownBy(() -> EventPatterns.check("{\"string\": \"v\"}"))
                .hasMessage("Event pattern is not valid. Reason: \"string\" must be an object or an array");
    }

    @Test
    void wildcardsBeyondAwssComplexityAreTooComplex() {
        EventPatterns.check("{\"k\":[{\"wildcard\":\"*.bif\"},{\"wildcard\":\"*.tif\"},{\"wildcard\":\"*.svs\"}]}");
        EventPatterns.check("{\"k\":[{\"wildcard\":\"arn:aws:events:us-east-1:*:event-bus/*\"}]}");
        assertThatThrownBy(() -> EventPatterns.check("{\"k\":[{\"wildcard\":\"*:*:*:*:*:event-bus/*\"}]}"))
                .hasMessageContaining("Rule is too complex");
    }

    @Test
    void testMatchesAsEventRuler() {
        assertThat(EventPatterns.test("{\"detail\":{\"key\":[{\"suffix\":\".png\"}]}}", EVENT)).isTrue();
        assertThat(EventPatterns.test("{\"detail\":{\"ip\":[{\"cidr\":\"10.0.0.0/24\"}]}}", EVENT)).isTrue();
        assertThat(EventPatterns.test("{\"detail\":{\"n\":[{\"numeric\":[\">\",5]}]}}", EVENT)).isFalse();
        assertThat(EventPatterns.test("{\"detail\":{\"missing\":[{\"exists\":false}]}}", EVENT)).isTrue();
    }

    @Test
    void anEventWithoutTheEnvelopeIsNotValid() {
        for (String event : new String[]{"[\"plain\"]", "\"s\"", "nope", "{\"id\":\"1\",\"source\":\"s\"}",
                "{\"source\":\"s\",\"detail-type\":\"t\",\"account\":\"1\",\"time\":\"x\",\"region\":\"r\"}"}) {
            assertThatThrownBy(() -> EventPatterns.test("{\"source\":[\"s\"]}", event))
                    .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.code()).isEqualTo("ValidationException"))
                    .hasMessage("Parameter Event is not valid.");
        }
    }
}
