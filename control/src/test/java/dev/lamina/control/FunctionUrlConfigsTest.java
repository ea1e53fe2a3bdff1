package dev.lamina.control;

import dev.lamina.control.FunctionUrlConfig.AuthType;
import dev.lamina.control.FunctionUrlConfig.Cors;
import dev.lamina.control.FunctionUrlConfig.InvokeMode;
import dev.lamina.model.ErrorCode;
import dev.lamina.model.FunctionName;
import dev.lamina.model.LambdaException;
import dev.lamina.model.Qualifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FunctionUrlConfigsTest {
    private static final FunctionName F = new FunctionName("f");
    private static final Optional<Qualifier.Alias> LIVE = Optional.of(new Qualifier.Alias("live"));

    @TempDir
    Path dir;
    ControlFixture fx;
    FunctionUrlConfigs urls;

    @BeforeEach
    void setUp() {
        fx = new ControlFixture(dir);
        fx.create("f", "exports.handler = async () => 1;", true);
        fx.control.aliases().create(F, new Qualifier.Alias("live"), "1", "", Map.of());
        urls = fx.control.functionUrls();
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    private static Cors cors() {
        return new Cors(Optional.of(true), Optional.empty(), Optional.of(List.of("GET")),
                Optional.of(List.of("https://example.com")), Optional.empty(), Optional.of(60));
    }

    @Test
    void aCreatedUrlHasA32CharacterIdAndIsFoundByIt() {
        FunctionUrlConfig c = urls.create(F, Optional.empty(), AuthType.NONE, Optional.of(cors()), Optional.empty());

        assertThat(c.urlId()).matches("[a-z0-9]{32}");
        assertThat(c.arn().toString()).isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:f");
        assertThat(c.invokeMode()).isEmpty();
        assertThat(c.effectiveInvokeMode()).isEqualTo(InvokeMode.BUFFERED);
        assertThat(urls.byId(c.urlId())).contains(c);
        assertThat(urls.get(F, Optional.empty()).cors()).contains(cors());
        assertThat(urls.byId("0".repeat(32))).isEmpty();
    }

    @Test
    void aSecondUrlForTheSameQualifierIsAConflictButAnAliasHasItsOwn() {
        urls.create(F, Optional.empty(), AuthType.NONE, Optional.empty(), Optional.empty());

        assertThatThrownBy(() -> urls.create(F, Optional.empty(), AuthType.AWS_IAM, Optional.empty(), Optional.empty()))
                .isInstanceOf(LambdaException.class)
                .hasMessage("Failed to create function url config for [functionArn = arn:aws:lambda:us-east-1:"
                        + "123456789012:function:f]. Error message:  FunctionUrlConfig exists for this Lambda function")
                .extracting(e -> ((LambdaException) e).code()).isEqualTo(ErrorCode.RESOURCE_CONFLICT);
        FunctionUrlConfig live = urls.create(F, LIVE, AuthType.AWS_IAM, Optional.empty(), Optional.of(InvokeMode.RESPONSE_STREAM));
        assertThat(live.arn().toString()).endsWith(":function:f:live");
        assertThat(urls.list(F, Optional.empty(), Optional.empty()).items()).extracting(FunctionUrlConfig::alias)
                .containsExactly(Optional.empty(), LIVE);
    }

    @Test
    void updatesChangeOnlyWhatIsGivenAndApplyToTheNextLookup() {
        FunctionUrlConfig c = urls.create(F, Optional.empty(), AuthType.NONE, Optional.of(cors()), Optional.empty());
        urls.byId(c.urlId());

        FunctionUrlConfig u = urls.update(F, Optional.empty(), Optional.of(AuthType.AWS_IAM), Optional.empty(),
                Optional.of(InvokeMode.RESPONSE_STREAM));

        assertThat(u.authType()).isEqualTo(AuthType.AWS_IAM);
        assertThat(u.cors()).contains(cors());
        assertThat(u.urlId()).isEqualTo(c.urlId());
        assertThat(urls.byId(c.urlId()).orElseThrow().authType()).isEqualTo(AuthType.AWS_IAM);
        assertThat(urls.byId(c.urlId()).orElseThrow().effectiveInvokeMode()).isEqualTo(InvokeMode.RESPONSE_STREAM);
    }

    @Test
    void missingFunctionsAliasesAndUrlsAreNotFoundWithLambdasMessages() {
        FunctionName nope = new FunctionName("nope");
        assertThatThrownBy(() -> urls.create(nope, Optional.empty(), AuthType.NONE, Optional.empty(), Optional.empty()))
                .hasMessage("Function does not exist");
        assertThatThrownBy(() -> urls.create(F, Optional.of(new Qualifier.Alias("gone")), AuthType.NONE,
                Optional.empty(), Optional.empty())).hasMessage("Function does not exist");
        assertThatThrownBy(() -> urls.get(F, Optional.empty())).hasMessage("The resource you requested does not exist.");
        assertThatThrownBy(() -> urls.get(nope, Optional.empty())).hasMessage("The resource you requested does not exist.");
        assertThatThrownBy(() -> urls.delete(F, LIVE)).hasMessage("The resource you requested does not exist.");
        assertThatThrownBy(() -> urls.update(F, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()))
                .hasMessage("The resource you requested does not exist.");
        assertThatThrownBy(() -> urls.list(nope, Optional.empty(), Optional.empty())).hasMessage("Function does not exist");
    }

    @Test
    void deletingTheAliasOrTheUrlMakesTheIdUnknown() {
        FunctionUrlConfig live = urls.create(F, LIVE, AuthType.NONE, Optional.empty(), Optional.empty());
        FunctionUrlConfig own = urls.create(F, Optional.empty(), AuthType.NONE, Optional.empty(), Optional.empty());

        fx.control.aliases().delete(F, new Qualifier.Alias("live"));
        urls.delete(F, Optional.empty());

        assertThat(urls.byId(live.urlId())).isEmpty();
        assertThat(urls.byId(own.urlId())).isEmpty();
    }

    @Test
    void listingPagesWithAMarker() {
        urls.create(F, Optional.empty(), AuthType.NONE, Optional.empty(), Optional.empty());
        urls.create(F, LIVE, AuthType.NONE, Optional.empty(), Optional.empty());

        Page<FunctionUrlConfig> first = urls.list(F, Optional.empty(), Optional.of(1));
        Page<FunctionUrlConfig> second = urls.list(F, first.nextMarker(), Optional.of(1));

        assertThat(first.items()).extracting(FunctionUrlConfig::alias).containsExactly(Optional.empty());
        assertThat(second.items()).extracting(FunctionUrlConfig::alias).containsExactly(LIVE);
        assertThat(second.nextMarker()).isEmpty();
    }
}
