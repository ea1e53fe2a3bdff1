package dev.lamina.it;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.EventSourcePosition;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A server started without --kinesis-endpoint refuses Kinesis mappings clearly and stores nothing. */
class KinesisWithoutEndpointIT extends ServerPerClass {

    @Test
    void aKinesisMappingIsRefusedWithTheSettingToSetAndNothingIsStored() {
        Functions.create(lambda, "stream-reader", "nodejs20.x", "index.handler", Packages.nodejs(), b -> b.timeout(10));
        assertThatThrownBy(() -> lambda.createEventSourceMapping(b -> b.functionName("stream-reader")
                .eventSourceArn("arn:aws:kinesis:us-east-1:000000000000:stream/events")
                .startingPosition(EventSourcePosition.LATEST)))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("--kinesis-endpoint");
        assertThat(lambda.listEventSourceMappings(b -> b.functionName("stream-reader")).eventSourceMappings()).isEmpty();
    }
}
