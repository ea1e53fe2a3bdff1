package dev.lamina.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** DescribeLogGroups' filters, with the real SDK, as the model documents them. */
class LogGroupsIT extends ServerPerClass {
    static CloudWatchLogsClient logs;

    @BeforeAll
    static void groups() {
        logs = server.logs();
        for (String g : new String[] {"DataLogs", "aws/DataLogs", "GroupDataLogs", "datalogs", "Data/log/s", "Groupdata"}) {
            logs.createLogGroup(b -> b.logGroupName(g));
        }
    }

    @AfterAll
    static void closeClient() {
        logs.close();
    }

    @Test
    void logGroupNamePatternIsACaseSensitiveSubstringSearch() {
        // The model's own example.
        assertThat(logs.describeLogGroups(b -> b.logGroupNamePattern("DataLogs")).logGroups())
                .extracting(LogGroup::logGroupName).containsExactly("DataLogs", "GroupDataLogs", "aws/DataLogs");
    }

    @Test
    void logGroupIdentifiersCannotBeCombinedWithAPrefixOrAPattern() {
        assertThat(logs.describeLogGroups(b -> b.logGroupIdentifiers("datalogs")).logGroups())
                .extracting(LogGroup::logGroupName).containsExactly("datalogs");
        assertThatThrownBy(() -> logs.describeLogGroups(b -> b.logGroupIdentifiers("datalogs").logGroupNamePrefix("d")))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> logs.describeLogGroups(b -> b.logGroupIdentifiers("datalogs").logGroupNamePattern("d")))
                .isInstanceOf(InvalidParameterException.class);
    }
}
