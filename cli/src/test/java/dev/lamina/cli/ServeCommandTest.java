package dev.lamina.cli;

import dev.lamina.server.MetricsConfig;
import dev.lamina.server.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServeCommandTest {
    @TempDir
    Path dir;

    ServerConfig resolve(Map<String, String> env, String... args) {
        ServeCommand command = new ServeCommand(env);
        new CommandLine(command).parseArgs(args);
        return command.resolve();
    }

    @Test
    void withNothingSetTheDefaultsAreAwsLikeAndLocal() {
        ServerConfig c = resolve(Map.of("HOME", "/home/u"));
        assertThat(c.port()).isEqualTo(9070);
        assertThat(c.bind()).isEqualTo("127.0.0.1");
        assertThat(c.dataDir()).isEqualTo(Path.of("/home/u/.lamina"));
        assertThat(c.region().name()).isEqualTo("us-east-1");
        assertThat(c.account().id()).isEqualTo("000000000000");
        assertThat(c.rootCredentials()).isEmpty();
    }

    @Test
    void aFlagBeatsTheEnvironmentWhichBeatsTheFileWhichBeatsTheDefault() throws IOException {
        Path file = dir.resolve("lamina.properties");
        Files.writeString(file, "port=1111\nbind=0.0.0.0\nregion=eu-west-1\naccount-id=111111111111\n");
        Map<String, String> env = Map.of("HOME", "/h", "LAMINA_CONFIG", file.toString(), "LAMINA_PORT", "2222",
                "LAMINA_REGION", "ap-south-1");
        ServerConfig c = resolve(env, "--port", "3333");
        assertThat(c.port()).as("flag").isEqualTo(3333);
        assertThat(c.region().name()).as("environment").isEqualTo("ap-south-1");
        assertThat(c.bind()).as("file").isEqualTo("0.0.0.0");
        assertThat(c.account().id()).as("file").isEqualTo("111111111111");
        assertThat(c.dataDir()).as("default").isEqualTo(Path.of("/h/.lamina"));
    }

    @Test
    void rootCredentialsComeInPairsFromTheEnvironment() {
        ServerConfig c = resolve(Map.of("HOME", "/h", "LAMINA_ROOT_ACCESS_KEY_ID", "AKID",
                "LAMINA_ROOT_SECRET_ACCESS_KEY", "wJalrXUtnFEMI-k7MDENG"));
        assertThat(c.rootCredentials()).hasValueSatisfying(k -> {
            assertThat(k.accessKeyId()).isEqualTo("AKID");
            assertThat(k.secretAccessKey()).isEqualTo("wJalrXUtnFEMI-k7MDENG");
            assertThat(k.toString()).doesNotContain("wJalrXUtnFEMI");
        });
        assertThatThrownBy(() -> resolve(Map.of("HOME", "/h", "LAMINA_ROOT_ACCESS_KEY_ID", "AKID")))
                .hasMessageContaining("set both");
    }

    @Test
    void badValuesAreRefusedWithTheirName() {
        assertThatThrownBy(() -> resolve(Map.of("HOME", "/h", "LAMINA_PORT", "ninety")))
                .hasMessageContaining("port");
        assertThatThrownBy(() -> resolve(Map.of("HOME", "/h"), "--region", "moon-1"))
                .hasMessageContaining("region");
        assertThatThrownBy(() -> resolve(Map.of("HOME", "/h"), "--account-id", "12"))
                .hasMessageContaining("twelve digits");
        assertThatThrownBy(() -> resolve(Map.of("HOME", "/h"), "--port", "70000"))
                .hasMessageContaining("65535");
    }

    @Test
    void theMasterKeyComesFromTheEnvironmentAsBase64AndABadOneIsRefusedWithoutBeingRepeated() {
        String key = java.util.Base64.getEncoder().encodeToString(new byte[32]).replace("AAAA", "QUJD");
        ServerConfig c = resolve(Map.of("HOME", "/h", "LAMINA_MASTER_KEY", key));
        assertThat(c.masterKey()).contains(dev.lamina.server.MasterKey.fromBase64(key));
        assertThat(c.toString()).doesNotContain(key).doesNotContain("QUJD");
        assertThat(resolve(Map.of("HOME", "/h")).masterKey()).isEmpty();

        String tooShort = java.util.Base64.getEncoder().encodeToString("sixteen-byte-key".getBytes());
        assertThatThrownBy(() -> resolve(Map.of("HOME", "/h", "LAMINA_MASTER_KEY", tooShort)))
                .hasMessageContaining("16 bytes, not 32").message().doesNotContain(tooShort);
        assertThatThrownBy(() -> resolve(Map.of("HOME", "/h", "LAMINA_MASTER_KEY", "not base64!")))
                .hasMessageContaining("not base64").message().doesNotContain("not base64!");
    }

    @Test
    void theOtlpEndpointComesFromTheFlagThenLaminasVariableThenOpenTelemetrysAndIsOffByDefault() {
        assertThat(resolve(Map.of("HOME", "/h")).traces().otlpEndpoint()).isEmpty();
        Map<String, String> env = Map.of("HOME", "/h", "OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel:4318");
        assertThat(resolve(env).traces().otlpEndpoint()).contains(java.net.URI.create("http://otel:4318"));
        Map<String, String> both = Map.of("HOME", "/h", "OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel:4318",
                "LAMINA_OTLP_ENDPOINT", "http://lamina:4318");
        assertThat(resolve(both).traces().otlpEndpoint()).contains(java.net.URI.create("http://lamina:4318"));
        assertThat(resolve(both, "--otlp-endpoint", "https://flag:4318").traces().otlpEndpoint())
                .contains(java.net.URI.create("https://flag:4318"));
        assertThatThrownBy(() -> resolve(Map.of("HOME", "/h"), "--otlp-endpoint", "ftp://x"))
                .hasMessageContaining("OTLP endpoint");
        assertThatThrownBy(() -> resolve(Map.of("HOME", "/h"), "--otlp-endpoint", "http://a b"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void metricsAreOnByDefaultAndMayBeOffOrOnAnAddressOfTheirOwn() {
        assertThat(resolve(Map.of("HOME", "/h")).metrics()).isEqualTo(MetricsConfig.defaults());
        assertThat(resolve(Map.of("HOME", "/h", "LAMINA_METRICS", "off")).metrics().exposure())
                .isInstanceOf(MetricsConfig.Exposure.Off.class);
        ServerConfig separate = resolve(Map.of("HOME", "/h", "LAMINA_METRICS", "off"), "--metrics", "0.0.0.0:9464",
                "--metrics-label-sets", "50");
        assertThat(separate.metrics().exposure()).isEqualTo(new MetricsConfig.Exposure.Separate("0.0.0.0", 9464));
        assertThat(separate.metrics().maxLabelSets()).isEqualTo(50);
        assertThatThrownBy(() -> resolve(Map.of("HOME", "/h"), "--metrics", "sometimes"))
                .hasMessageContaining("on, off or host:port");
        assertThatThrownBy(() -> resolve(Map.of("HOME", "/h"), "--metrics-label-sets", "0"))
                .hasMessageContaining("at least one");
    }

    @Test
    void theKinesisEndpointComesFromTheFlagTheEnvironmentOrTheFileAndIsNoneByDefault() throws IOException {
        assertThat(resolve(Map.of("HOME", "/h")).kinesisEndpoint()).isEmpty();
        Path file = dir.resolve("lamina.properties");
        Files.writeString(file, "kinesis-endpoint=http://file:4568\n");
        assertThat(resolve(Map.of("HOME", "/h", "LAMINA_CONFIG", file.toString())).kinesisEndpoint())
                .contains(java.net.URI.create("http://file:4568"));
        Map<String, String> env = Map.of("HOME", "/h", "LAMINA_KINESIS_ENDPOINT", "http://env:4568");
        assertThat(resolve(env).kinesisEndpoint()).contains(java.net.URI.create("http://env:4568"));
        assertThat(resolve(env, "--kinesis-endpoint", "https://kinesis.us-east-1.amazonaws.com").kinesisEndpoint())
                .contains(java.net.URI.create("https://kinesis.us-east-1.amazonaws.com"));
        assertThatThrownBy(() -> resolve(Map.of("HOME", "/h"), "--kinesis-endpoint", "ftp://x"))
                .hasMessageContaining("Kinesis endpoint");
    }
}
