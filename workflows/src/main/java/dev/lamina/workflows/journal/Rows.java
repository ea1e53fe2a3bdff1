package dev.lamina.workflows.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.store.StoreException;
import dev.lamina.workflows.asl.Definition;
import dev.lamina.workflows.asl.Definitions;
import dev.lamina.workflows.asl.InvalidDefinitionException;
import dev.lamina.workflows.engine.ExecutionRecord;
import dev.lamina.workflows.engine.ExecutionStatus;
import dev.lamina.workflows.engine.HistoryEvent;
import dev.lamina.workflows.engine.MachineSnapshot;
import dev.lamina.workflows.engine.MachineType;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rows ↔ records. Instants are stored as nanoseconds since the epoch, so they come back exactly as
 * they went in. Definitions are stored once per text (by SHA-256) and parsed once per text when read.
 */
final class Rows {
    static final String EXECUTION_COLUMNS = "arn, machine_arn, machine_name, machine_type, role_arn, definition_hash,"
            + " version_arn, alias_arn, revision_id, name, status, start_ns, stop_ns, input, output, error, cause,"
            + " redrive_count, redrive_ns, trace_header";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Definition text → hash: a machine's executions share one text instance, so this is a cheap lookup. */
    private final ConcurrentHashMap<String, String> hashes = new ConcurrentHashMap<>();
    /** Hash → parsed definition, shared by every execution loaded with it. */
    private final ConcurrentHashMap<String, Definition> definitions = new ConcurrentHashMap<>();

    String hash(MachineSnapshot machine) {
        String text = machine.definitionText();
        String hash = hashes.computeIfAbsent(text, Rows::sha256);
        definitions.putIfAbsent(hash, machine.definition());
        return hash;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static long nanos(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    }

    static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    static String json(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Binds every column of {@link #EXECUTION_COLUMNS}, in order, from parameter 1. */
    static void bind(PreparedStatement st, ExecutionRecord r, String definitionHash) throws SQLException {
        MachineSnapshot m = r.machine();
        st.setString(1, r.executionArn());
        st.setString(2, m.arn());
        st.setString(3, m.name());
        st.setString(4, m.type().name());
        st.setString(5, m.roleArn());
        st.setString(6, definitionHash);
        setText(st, 7, m.versionArn());
        setText(st, 8, m.aliasArn());
        st.setString(9, m.revisionId());
        st.setString(10, r.name());
        st.setString(11, r.status().name());
        st.setLong(12, nanos(r.startDate()));
        setInstant(st, 13, r.stopDate());
        st.setString(14, r.input());
        setText(st, 15, r.output());
        setText(st, 16, r.error());
        setText(st, 17, r.cause());
        st.setInt(18, r.redriveCount());
        setInstant(st, 19, r.redriveDate());
        setText(st, 20, r.traceHeader());
    }

    private static void setText(PreparedStatement st, int i, Optional<String> value) throws SQLException {
        if (value.isPresent()) {
            st.setString(i, value.get());
        } else {
            st.setNull(i, Types.VARCHAR);
        }
    }

    private static void setInstant(PreparedStatement st, int i, Optional<Instant> value) throws SQLException {
        if (value.isPresent()) {
            st.setLong(i, nanos(value.get()));
        } else {
            st.setNull(i, Types.INTEGER);
        }
    }

    /**
     * The record in the current row, which has {@link #EXECUTION_COLUMNS} and then the definition's text.
     * Every column is read before {@code text} is used, so the row is read in one pass.
     */
    ExecutionRecord execution(ResultSet rs) throws SQLException {
        String hash = rs.getString(6);
        String text = rs.getString(21);
        MachineSnapshot machine = new MachineSnapshot(rs.getString(2), rs.getString(3),
                MachineType.valueOf(rs.getString(4)), rs.getString(5), text, definition(hash, text),
                Optional.ofNullable(rs.getString(7)), Optional.ofNullable(rs.getString(8)), rs.getString(9));
        return new ExecutionRecord(rs.getString(1), machine, rs.getString(10), ExecutionStatus.valueOf(rs.getString(11)),
                instant(rs.getLong(12)), optionalInstant(rs, 13), rs.getString(14), Optional.ofNullable(rs.getString(15)),
                Optional.ofNullable(rs.getString(16)), Optional.ofNullable(rs.getString(17)), rs.getInt(18),
                optionalInstant(rs, 19), Optional.ofNullable(rs.getString(20)));
    }

    private Definition definition(String hash, String text) {
        Definition known = definitions.get(hash);
        if (known != null) {
            return known;
        }
        try {
            Definition parsed = Definitions.parse(text);
            Definition raced = definitions.putIfAbsent(hash, parsed);
            return raced != null ? raced : parsed;
        } catch (InvalidDefinitionException e) {
            // It was checked when the machine was created; a definition that no longer parses is a damaged file.
            throw new StoreException("a definition in the Step Functions journal no longer parses: " + e.getMessage(), e);
        }
    }

    private static Optional<Instant> optionalInstant(ResultSet rs, int i) throws SQLException {
        long value = rs.getLong(i);
        return rs.wasNull() ? Optional.empty() : Optional.of(instant(value));
    }

    /** The event in the current row: id, previous_id, ts_ns, type, details. */
    static HistoryEvent event(ResultSet rs) throws SQLException {
        String details = rs.getString(5);
        try {
            JsonNode node = JSON.readTree(details);
            if (!(node instanceof ObjectNode object)) {
                throw new StoreException("an event's details in the Step Functions journal are not an object", null);
            }
            return new HistoryEvent(rs.getLong(1), rs.getLong(2), instant(rs.getLong(3)), rs.getString(4), object);
        } catch (JsonProcessingException e) {
            throw new StoreException("an event's details in the Step Functions journal are not JSON", e);
        }
    }
}
