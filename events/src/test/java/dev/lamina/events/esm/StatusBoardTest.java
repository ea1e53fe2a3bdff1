package dev.lamina.events.esm;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StatusBoardTest {

    @Test
    void aSourceThatIsDownIsReportedUntilABatchGoesThroughAgain() {
        StatusBoard board = new StatusBoard();
        MappingStatus status = board.forMapping("m", Mapping.NO_RECORDS, Mapping.USER_INITIATED);
        assertThat(board.current("m")).contains(new StatusBoard.Status(Mapping.NO_RECORDS, Mapping.USER_INITIATED));
        status.sourceUnavailable("the queue does not exist");
        assertThat(board.current("m")).contains(new StatusBoard.Status("PROBLEM: the queue does not exist",
                "PROBLEM: the queue does not exist"));
        status.processed("OK");
        assertThat(board.current("m")).contains(new StatusBoard.Status("OK", Mapping.USER_INITIATED));
        status.processed("PROBLEM: Function call failed");
        assertThat(board.current("m")).contains(new StatusBoard.Status("PROBLEM: Function call failed",
                Mapping.USER_INITIATED));
    }
}
