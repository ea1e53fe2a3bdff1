package dev.lamina.eventbridge.delivery;

import dev.lamina.model.ServiceException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EntryCheckTest {

    static EventIntake.Entry entry(String source, String detailType, String detail) {
        return new EventIntake.Entry(Optional.empty(), Optional.empty(), Optional.ofNullable(source),
                Optional.ofNullable(detailType), Optional.ofNullable(detail), List.of(), Optional.empty());
    }

    @Test
    void missingMembersAreReportedInAwsOrderWithAwsWording() {
        assertThat(EntryCheck.check(entry(null, null, null))).isEqualTo(new EntryCheck.Failed("InvalidArgument",
                "Parameter Source is not valid. Reason: Source is a required argument."));
        assertThat(EntryCheck.check(entry("s", "", "{}"))).isEqualTo(new EntryCheck.Failed("InvalidArgument",
                "Parameter DetailType is not valid. Reason: DetailType is a required argument."));
        assertThat(EntryCheck.check(entry("s", "t", null))).isEqualTo(new EntryCheck.Failed("InvalidArgument",
                "Parameter Detail is not valid. Reason: Detail is a required argument."));
    }

    @Test
    void aDetailThatIsNotOneJsonObjectIsMalformed() {
        for (String detail : List.of("[1]", "\"text\"", "42", "null", "{", "{\"a\":1} {}", "{\"a\":1}x", "not json")) {
            assertThat(EntryCheck.check(entry("s", "t", detail))).as(detail)
                    .isEqualTo(new EntryCheck.Failed("MalformedDetail", "Detail is malformed."));
        }
        assertThat(EntryCheck.check(entry("s", "t", " {\"a\": [1, {\"b\": null}]} ")))
                .isInstanceOf(EntryCheck.Passed.class);
    }

    @Test
    void anEntrysSizeCountsUtf8BytesOfItsMembersAnd14ForATime() {
        EventIntake.Entry e = new EventIntake.Entry(Optional.of("bus"), Optional.of(Instant.EPOCH), Optional.of("é"),
                Optional.of("tt"), Optional.of("{}"), List.of("r1", "r22"), Optional.empty());
        assertThat(EntryCheck.size(e)).isEqualTo(14 + 2 + 2 + 2 + 2 + 3);
    }

    @Test
    void theWholeCallFailsWhenItsEntriesAreOver256Kb() {
        String half = "{\"x\":\"" + "a".repeat(128 * 1024) + "\"}";
        EntryCheck.checkRequest(List.of(entry("s", "t", "{\"x\":\"" + "a".repeat(256 * 1024 - 10) + "\"}")));
        assertThatThrownBy(() -> EntryCheck.checkRequest(Collections.nCopies(2, entry("s", "t", half))))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.code()).isEqualTo("ValidationException");
                    assertThat(e.getMessage()).isEqualTo("Total size of the entries in the request is over the limit.");
                });
    }
}
