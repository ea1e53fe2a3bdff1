package dev.lamina.events.esm.kafka;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The event Lambda sends a function for self-managed Kafka:
 * {@code {"eventSource":"SelfManagedKafka","bootstrapServers":"h1:p,h2:p","records":{"<topic>-<partition>":[…]}}},
 * each record with topic, partition and offset (numbers), timestamp (epoch ms) and timestampType
 * ({@code CREATE_TIME}), key and value in base64 (left out when null, as Lambda does), and headers
 * as a list of one-key objects whose value is the header's bytes as signed numbers.
 */
final class KafkaEvent {

    private static final JsonFactory JSON = new JsonFactory();

    private KafkaEvent() {
    }

    static byte[] payload(List<String> bootstrapServers, Batch batch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 256 * batch.size());
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("eventSource", "SelfManagedKafka");
            g.writeStringField("bootstrapServers", String.join(",", bootstrapServers));
            g.writeObjectFieldStart("records");
            for (var entry : batch.records().entrySet()) {
                g.writeArrayFieldStart(entry.getKey().topic() + "-" + entry.getKey().partition());
                for (ConsumerRecord<byte[], byte[]> r : entry.getValue()) {
                    record(g, r);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** About how many bytes {@code r} adds to an event, to keep a batch under the invoke payload limit. */
    static long estimatedSize(ConsumerRecord<byte[], byte[]> r) {
        long size = 160 + r.topic().length();
        size += base64Length(r.key()) + base64Length(r.value());
        for (Header h : r.headers()) {
            size += 8 + h.key().length() + (h.value() == null ? 0 : 5L * h.value().length);
        }
        return size;
    }

    private static long base64Length(byte[] bytes) {
        return bytes == null ? 0 : 4L * ((bytes.length + 2) / 3);
    }

    private static void record(JsonGenerator g, ConsumerRecord<byte[], byte[]> r) throws IOException {
        g.writeStartObject();
        g.writeStringField("topic", r.topic());
        g.writeNumberField("partition", r.partition());
        g.writeNumberField("offset", r.offset());
        g.writeNumberField("timestamp", r.timestamp());
        g.writeStringField("timestampType", r.timestampType().name());
        if (r.key() != null) {
            g.writeStringField("key", Base64.getEncoder().encodeToString(r.key()));
        }
        if (r.value() != null) {
            g.writeStringField("value", Base64.getEncoder().encodeToString(r.value()));
        }
        g.writeArrayFieldStart("headers");
        for (Header h : r.headers()) {
            g.writeStartObject();
            g.writeArrayFieldStart(h.key());
            byte[] value = h.value() == null ? new byte[0] : h.value();
            for (byte b : value) {
                g.writeNumber(b);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
