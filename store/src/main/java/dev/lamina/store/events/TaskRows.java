package dev.lamina.store.events;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lamina.model.FunctionName;
import dev.lamina.model.Qualifier;
import dev.lamina.model.TraceHeader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * How each kind of {@link Task} is a row of the {@code tasks} table: which columns it uses (the
 * others are null) and its {@code kind} ({@code invoke}, {@code sqs}, {@code deliver}).
 */
final class TaskRows {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private TaskRows() {
    }

    static QueuedTask read(ResultSet rs) throws SQLException, IOException {
        Instant created = Instant.ofEpochMilli(rs.getLong("created_at"));
        Task task = switch (rs.getString("kind")) {
            case "invoke" -> new Task.Invoke(rs.getString("request_id"), new FunctionName(rs.getString("function_name")),
                    Optional.ofNullable(rs.getString("qualifier")).map(Qualifier::parse), rs.getBytes("payload"), created,
                    rs.getInt("hops"), Optional.ofNullable(rs.getString("trace_header")).flatMap(TraceHeader::parse));
            case "sqs" -> new Task.SendToQueue(rs.getString("target"),
                    new String(rs.getBytes("payload"), StandardCharsets.UTF_8),
                    JSON.readValue(rs.getString("attributes"), STRING_MAP), created);
            case "deliver" -> new Task.Deliver(rs.getString("origin"), rs.getString("source_arn"),
                    rs.getString("document"), new String(rs.getBytes("payload"), StandardCharsets.UTF_8),
                    created);
            default -> throw new SQLException("unknown task kind " + rs.getString("kind"));
        };
        return new QueuedTask(rs.getLong("id"), task, rs.getInt("attempts"), Instant.ofEpochMilli(rs.getLong("due_at")));
    }

    /**
     * Binds a task to {@link EventLog}'s insert, whose parameters are 1 kind, 2 request_id,
     * 3 function_name, 4 qualifier, 5 target, 6 payload, 7 attributes, 8 created_at, 9 due_at (the
     * caller's to bind), 10 hops, 11 trace_header, 12 origin, 13 source_arn, 14 document.
     */
    static void bind(PreparedStatement st, Task task) throws SQLException, IOException {
        st.setString(12, null);
        st.setString(13, null);
        st.setString(14, null);
        switch (task) {
            case Task.Invoke i -> {
                st.setString(1, "invoke");
                st.setString(2, i.requestId());
                st.setString(3, i.function().value());
                st.setString(4, i.qualifier().map(Qualifier::value).orElse(null));
                st.setString(5, null);
                st.setBytes(6, i.payload());
                st.setString(7, null);
                st.setLong(8, i.receivedAt().toEpochMilli());
                st.setInt(10, i.hops());
                st.setString(11, i.trace().map(TraceHeader::format).orElse(null));
            }
            case Task.SendToQueue q -> {
                st.setString(1, "sqs");
                st.setString(2, null);
                st.setString(3, null);
                st.setString(4, null);
                st.setString(5, q.queueArn());
                st.setBytes(6, q.body().getBytes(StandardCharsets.UTF_8));
                st.setString(7, JSON.writeValueAsString(q.attributes()));
                st.setLong(8, q.createdAt().toEpochMilli());
                st.setInt(10, 0);
                st.setString(11, null);
            }
            case Task.Deliver d -> {
                st.setString(1, "deliver");
                st.setString(2, null);
                st.setString(3, null);
                st.setString(4, null);
                st.setString(5, null);
                st.setBytes(6, d.body().getBytes(StandardCharsets.UTF_8));
                st.setString(7, null);
                st.setLong(8, d.acceptedAt().toEpochMilli());
                st.setInt(10, 0);
                st.setString(11, null);
                st.setString(12, d.origin());
                st.setString(13, d.sourceArn());
                st.setString(14, d.target());
            }
        }
    }
}
