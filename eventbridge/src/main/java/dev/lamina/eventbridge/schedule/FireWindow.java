package dev.lamina.eventbridge.schedule;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * A FlexibleTimeWindow: a schedule due at {@code t} fires at {@code t + offset}, offset in
 * {@code [0, window)} whole seconds, chosen from the schedule's key and {@code t} (not at random), so
 * every tick and every restart picks the same moment for the same occurrence.
 */
final class FireWindow {
    private FireWindow() {
    }

    static Instant fireAt(String key, Instant due, Optional<Duration> window) {
        long seconds = window.map(Duration::toSeconds).orElse(0L);
        if (seconds <= 0) {
            return due;
        }
        CRC32 crc = new CRC32();
        crc.update((key + "@" + due.getEpochSecond()).getBytes(StandardCharsets.UTF_8));
        return due.plusSeconds(Math.floorMod(crc.getValue(), seconds));
    }
}
