package dev.lamina.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cloudwatchlogs.model.TooManyTagsException;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** DescribeLogGroups' filters and a group's tags, with the real SDK, as the model documents them. */
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

    @Test
    void tagsAreChangedAndListedByArnAndByNameAsTerraformDoes() {
        logs.createLogGroup(b -> b.logGroupName("/test/tagged").tags(Map.of("team", "logs")));
        String arn = "arn:aws:logs:us-east-1:000000000000:log-group:/test/tagged";
        assertThat(logs.listTagsForResource(b -> b.resourceArn(arn)).tags()).isEqualTo(Map.of("team", "logs"));
        logs.tagResource(b -> b.resourceArn(arn).tags(Map.of("env", "dev", "team", "platform")));
        assertThat(logs.listTagsForResource(b -> b.resourceArn(arn)).tags())
                .isEqualTo(Map.of("env", "dev", "team", "platform"));
        logs.untagResource(b -> b.resourceArn(arn).tagKeys("team", "not-there"));
        assertThat(logs.listTagsLogGroup(b -> b.logGroupName("/test/tagged")).tags()).isEqualTo(Map.of("env", "dev"));
        logs.tagLogGroup(b -> b.logGroupName("/test/tagged").tags(Map.of("old", "provider")));
        logs.untagLogGroup(b -> b.logGroupName("/test/tagged").tags("env"));
        assertThat(logs.listTagsForResource(b -> b.resourceArn(arn)).tags()).isEqualTo(Map.of("old", "provider"));
    }

    @Test
    void tagsAreValidatedAsTheModelSaysAndAGroupHasAtMostFifty() {
        logs.createLogGroup(b -> b.logGroupName("/test/tag-limits"));
        String arn = "arn:aws:logs:us-east-1:000000000000:log-group:/test/tag-limits";
        Map<String, String> thirty = new HashMap<>();
        Map<String, String> twentyOneMore = new HashMap<>();
        for (int i = 0; i < 30; i++) {
            thirty.put("a" + i, "v");
        }
        for (int i = 0; i < 21; i++) {
            twentyOneMore.put("b" + i, "v");
        }
        logs.tagResource(b -> b.resourceArn(arn).tags(thirty));
        assertThatThrownBy(() -> logs.tagResource(b -> b.resourceArn(arn).tags(twentyOneMore)))
                .isInstanceOf(TooManyTagsException.class);
        assertThat(logs.listTagsForResource(b -> b.resourceArn(arn)).tags()).hasSize(30);
        assertThatThrownBy(() -> logs.tagResource(b -> b.resourceArn(arn).tags(Map.of("aws:owner", "me"))))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> logs.tagResource(b -> b.resourceArn(arn).tags(Map.of("k".repeat(129), "v"))))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> logs.tagResource(b -> b.resourceArn(arn).tags(Map.of("k", "v".repeat(257)))))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> logs.tagResource(b -> b.resourceArn(arn).tags(Map.of("bad*key", "v"))))
                .isInstanceOf(InvalidParameterException.class);
        assertThat(logs.listTagsForResource(b -> b.resourceArn(arn)).tags()).hasSize(30);
        assertThatThrownBy(() -> logs.listTagsForResource(b -> b.resourceArn(arn + "-missing")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> logs.listTagsForResource(b -> b.resourceArn(
                "arn:aws:logs:us-east-1:111111111111:log-group:/test/tag-limits")))
                .isInstanceOf(ResourceNotFoundException.class);
    }
}
