package dev.lamina.server.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.logs.LogEvent;
import dev.lamina.logs.LogStore;
import dev.lamina.logs.filter.FilterPattern;
import dev.lamina.logs.filter.InvalidFilterPatternException;
import dev.lamina.server.http.Json;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * FilterLogEvents: the events of a group's streams (all, named ones, or those with a prefix) in one
 * time order across streams, that match the filter pattern. A page ends at {@code limit} events, at
 * 1 MiB, or when {@link #MAX_SCANNED} events or {@code maxScannedBytes} of them (message bytes plus
 * 26 each) were looked at: matching costs about message length times pattern size, so a rare
 * pattern over much data answers in bounded time, with a token to go on, as CloudWatch does.
 * {@code nextToken} is there exactly when events remain to be looked at. {@code aws logs tail} is
 * built on this operation.
 */
final class FilterLogEvents {
    static final int MAX_SCANNED = 100_000;
    static final long MAX_SCANNED_BYTES = 32L << 20;

    private final LogStore store;
    private final Arns arns;
    private final long maxScannedBytes;

    /** @param maxScannedBytes the bytes of events one page looks at, at most (the first event always) */
    FilterLogEvents(LogStore store, Arns arns, long maxScannedBytes) {
        this.store = store;
        this.arns = arns;
        this.maxScannedBytes = maxScannedBytes;
    }

    JsonNode handle(ObjectNode body) {
        Input in = new Input(body);
        String group = arns.group(in, true);
        List<String> names = in.strings("logStreamNames", 1, 100, 1, 512, Input.STREAM_NAME);
        Optional<String> prefix = in.string("logStreamNamePrefix", 1, 512, Input.STREAM_NAME);
        if (!names.isEmpty() && prefix.isPresent()) {
            throw Input.invalidParameter("logStreamNames and logStreamNamePrefix are mutually exclusive");
        }
        long start = in.timestamp("startTime").orElse(0);
        long end = in.timestamp("endTime").orElse(Long.MAX_VALUE);
        if (end < start) {
            throw Input.invalidParameter("endTime must be greater than or equal to startTime");
        }
        FilterPattern pattern;
        try {
            pattern = FilterPattern.parse(in.string("filterPattern", 0, 1024, null).orElse(""));
        } catch (InvalidFilterPatternException e) {
            throw Input.invalidParameter(e.getMessage());
        }
        int limit = in.integer("limit", 1, GetLogEvents.MAX_EVENTS).orElse(GetLogEvents.MAX_EVENTS);
        in.bool("interleaved");
        in.bool("unmask");
        Optional<MergedEvents.Cursor> after = in.string("nextToken", 1, 4096, null).map(FilterLogEvents::cursor);

        Set<String> selected = new LinkedHashSet<>();
        List<String> existing = store.streamNames(group);
        for (String s : existing) {
            if ((names.isEmpty() || names.contains(s)) && prefix.map(s::startsWith).orElse(true)) {
                selected.add(s);
            }
        }
        MergedEvents merged = new MergedEvents(store, group, selected, after.orElse(null), start, end);
        ObjectNode out = Json.object();
        ArrayNode events = out.putArray("events");
        int scanned = 0;
        long scannedBytes = 0;
        int matched = 0;
        long bytes = 0;
        MergedEvents.Cursor last = after.orElse(null);
        while (matched < limit && scanned < MAX_SCANNED && scannedBytes < maxScannedBytes && merged.hasNext()) {
            MergedEvents.Next n = merged.peek();
            long size = n.event().message().getBytes(StandardCharsets.UTF_8).length + GetLogEvents.EVENT_OVERHEAD;
            boolean matches = pattern.matches(n.event().message());
            if (matches && bytes + size > GetLogEvents.MAX_PAGE_BYTES && matched > 0) {
                break;
            }
            merged.next();
            scanned++;
            scannedBytes += size;
            last = n.cursor();
            if (matches) {
                matched++;
                bytes += size;
                events.addObject().put("logStreamName", n.stream()).put("timestamp", n.event().timestamp())
                        .put("message", n.event().message()).put("ingestionTime", n.event().ingestionTime())
                        .put("eventId", eventId(n));
            }
        }
        ArrayNode searched = out.putArray("searchedLogStreams");
        for (String s : selected) {
            searched.addObject().put("logStreamName", s).put("searchedCompletely", !merged.hasMore(s));
        }
        if (merged.hasNext() && last != null) {
            out.put("nextToken", Tokens.opaque(last.timestamp() + ":" + last.offset() + ":" + last.stream()));
        }
        return out;
    }

    /**
     * Unique within the group and stable across calls ({@code aws logs tail} drops events whose id it
     * has seen): the event's time, 64 bits of the SHA-256 of its stream's name, and its offset in the
     * hour segment its time names. (time, stream, offset) is unique in a group; two streams share the
     * 64 bits only by a collision of SHA-256's first 8 bytes, unlike String.hashCode's ("Aa", "BB").
     */
    static String eventId(MergedEvents.Next n) {
        return String.format("%019d%020d%019d", n.event().timestamp(), streamHash(n.stream()), n.event().offset());
    }

    private static BigInteger streamHash(String stream) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(stream.getBytes(StandardCharsets.UTF_8));
            return new BigInteger(1, Arrays.copyOf(sha, 8));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }

    private static MergedEvents.Cursor cursor(String token) {
        String text = Tokens.unopaque(token);
        String[] parts = text.split(":", 3);
        try {
            if (parts.length != 3) {
                throw Tokens.invalid();
            }
            return new MergedEvents.Cursor(Long.parseLong(parts[0]), parts[2], Long.parseLong(parts[1]));
        } catch (NumberFormatException e) {
            throw Tokens.invalid();
        }
    }
}
