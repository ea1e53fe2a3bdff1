package dev.lamina.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.FunctionCode;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionVersion;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.ListFunctionsResponse;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The list operations page as AWS's do, so the SDK paginators see every item exactly once. */
class ListingIT extends ServerPerClass {
    static final int FUNCTIONS = 63;

    @BeforeAll
    static void deployFixtures() {
        for (int i = 0; i < FUNCTIONS; i++) {
            String name = String.format("listed-%02d", i);
            lambda.createFunction(b -> b.functionName(name).runtime("nodejs20.x").handler("index.handler")
                    .role(TestServer.ROLE).publish(name.endsWith("0"))
                    .code(FunctionCode.builder().zipFile(Zips.sdk(Zips.nodeEcho(name))).build()));
        }
    }


    @Test
    void thePaginatorSeesEveryFunctionOnceInNameOrder() {
        List<String> names = new ArrayList<>();
        int pages = 0;
        for (ListFunctionsResponse page : lambda.listFunctionsPaginator(b -> b.maxItems(10))) {
            assertThat(page.functions()).hasSizeLessThanOrEqualTo(10);
            page.functions().forEach(f -> names.add(f.functionName()));
            pages++;
        }
        assertThat(names).hasSize(FUNCTIONS).doesNotHaveDuplicates().isSorted();
        assertThat(pages).isEqualTo(7);
    }

    @Test
    void aPageHoldsAtMostFiftyWhateverMaxItemsSays() {
        ListFunctionsResponse first = lambda.listFunctions(b -> b.maxItems(1000));
        assertThat(first.functions()).hasSize(50);
        assertThat(first.nextMarker()).isNotNull();
        ListFunctionsResponse rest = lambda.listFunctions(b -> b.marker(first.nextMarker()));
        assertThat(rest.functions()).hasSize(FUNCTIONS - 50);
        assertThat(rest.nextMarker()).isNull();
    }

    @Test
    void allVersionsListsPublishedVersionsBesideLatest() {
        List<FunctionConfiguration> all = lambda.listFunctionsPaginator(b -> b.functionVersion(FunctionVersion.ALL)
                .maxItems(9)).functions().stream().toList();
        long published = all.stream().filter(f -> !f.version().equals("$LATEST")).count();
        assertThat(all).hasSize(FUNCTIONS + (int) published);
        assertThat(published).isEqualTo(7); // listed-00, -10, ..., -60
        assertThat(all).filteredOn(f -> f.functionName().equals("listed-10")).extracting(FunctionConfiguration::functionArn)
                .containsExactly("arn:aws:lambda:us-east-1:000000000000:function:listed-10:$LATEST",
                        "arn:aws:lambda:us-east-1:000000000000:function:listed-10:1");
    }

    @Test
    void aMarkerLaminaDidNotIssueIsRefused() {
        assertThatThrownBy(() -> lambda.listFunctions(b -> b.marker("not-a-marker")))
                .isInstanceOf(InvalidParameterValueException.class);
    }
}
