package dev.lamina.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Where a setting comes from, in order: the command-line flag, the environment variable
 * ({@code LAMINA_<NAME>}), the config file (a properties file with key {@code name}), the default.
 */
final class ConfigSources {
    private final Map<String, String> environment;
    private final Properties file;

    private ConfigSources(Map<String, String> environment, Properties file) {
        this.environment = environment;
        this.file = file;
    }

    static ConfigSources of(Map<String, String> environment, Optional<Path> configFile) {
        Properties p = new Properties();
        if (configFile.isPresent()) {
            try (Reader in = Files.newBufferedReader(configFile.get())) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the config file " + configFile.get(), e);
            }
        }
        return new ConfigSources(environment, p);
    }

    /**
     * @param flag the flag's value, null when not given
     * @param name the setting's name in the file, e.g. {@code data-dir}; the environment variable is
     *             {@code LAMINA_DATA_DIR}
     */
    String get(String flag, String name, String defaultValue) {
        if (flag != null) {
            return flag;
        }
        String env = environment.get(envName(name));
        if (env != null && !env.isEmpty()) {
            return env;
        }
        return file.getProperty(name, defaultValue);
    }

    Optional<String> env(String variable) {
        return Optional.ofNullable(environment.get(variable)).filter(s -> !s.isEmpty());
    }

    static String envName(String name) {
        return "LAMINA_" + name.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    }
}
