package dev.lamina.sandbox;

import dev.lamina.sandbox.cgroup.CgroupDriver;
import dev.lamina.sandbox.cgroup.Limits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Chooses the strongest sandbox this host allows, once, at start-up. */
public final class Sandboxes {
    private static final Logger LOG = LoggerFactory.getLogger(Sandboxes.class);

    private Sandboxes() {
    }

    /**
     * What to look for. {@code forcePlain} skips bubblewrap (for hosts where it misbehaves).
     * {@code plainTmpRoot} is in the data directory's sandbox area; its sibling {@link #etcDir()}
     * holds the files Lamina binds into sandboxes in place of the host's.
     */
    public record Options(Path cgroupRoot, Path plainTmpRoot, Identity identity, boolean forcePlain,
                          boolean runningAsRoot) {
        /** Where the generated {@code /etc} files of sandboxes are written (resolv.conf). */
        Path etcDir() {
            return plainTmpRoot.toAbsolutePath().resolveSibling("sandbox-etc");
        }
    }

    public static Sandbox detect(Options options) {
        CgroupDriver cgroups = CgroupDriver.detect(options.cgroupRoot());
        Optional<Path> bwrap = options.forcePlain() ? Optional.empty() : onPath("bwrap");
        if (bwrap.isPresent()) {
            Optional<Path> setpriv = options.runningAsRoot() ? onPath("setpriv") : Optional.empty();
            if (options.runningAsRoot() && setpriv.isEmpty()) {
                LOG.warn("setpriv (util-linux) is missing: sandboxes keep uid 0 on the host outside their namespaces");
            }
            Optional<NetworkIsolation> network = NetworkIsolation.detect(options.runningAsRoot());
            Prelude prelude = Prelude.withSeccomp();
            if (!prelude.seccomp()) {
                LOG.warn("no memory file for the seccomp program (is native access refused?): sandboxes run "
                        + "WITHOUT a seccomp filter");
            }
            boolean disableUserns = hasDisableUserns(bwrap.get());
            if (!disableUserns) {
                LOG.warn("bubblewrap is older than 0.8: sandboxes rely on the seccomp filter alone to refuse "
                        + "nested user namespaces");
            }
            Map<NetworkMode, Path> resolvers = Map.of();
            if (network.isPresent()) {
                try {
                    resolvers = NetworkIsolation.writeResolvers(options.etcDir());
                } catch (IOException e) {
                    LOG.warn("could not write the sandboxes' resolv.conf under {} ({}): isolated sandboxes get the "
                            + "host's, whose resolver may be out of their reach", options.etcDir(), e.toString());
                }
            }
            BubblewrapSandbox sandbox = new BubblewrapSandbox(bwrap.get(), setpriv, options.identity(), cgroups,
                    network, prelude, disableUserns, resolvers);
            Optional<String> problem = probe(sandbox);
            if (problem.isPresent() && network.isPresent()) {
                LOG.warn("bubblewrap cannot create network namespaces here ({}): sandboxes SHARE THE HOST'S NETWORK",
                        problem.get());
                sandbox = new BubblewrapSandbox(bwrap.get(), setpriv, options.identity(), cgroups, Optional.empty(),
                        prelude, disableUserns, Map.of());
                problem = probe(sandbox);
            }
            if (problem.isEmpty()) {
                LOG.info("sandboxes: {}", sandbox.describe());
                return sandbox;
            }
            LOG.warn("bubblewrap cannot create sandboxes here ({})", problem.get());
        }
        PlainProcessSandbox plain = new PlainProcessSandbox(cgroups, options.plainTmpRoot());
        LOG.warn("""

                ***************************************************************************
                *  Lamina runs functions as PLAIN PROCESSES: no namespaces, no private /tmp, *
                *  functions can read what Lamina's user can read. Install bubblewrap       *
                *  (Debian/Ubuntu: apt-get install bubblewrap) for real sandboxes.          *
                ***************************************************************************""");
        LOG.info("sandboxes: {}", plain.describe());
        return plain;
    }

    /** Runs /usr/bin/true in a sandbox to learn whether user namespaces really work here. */
    private static Optional<String> probe(BubblewrapSandbox sandbox) {
        // /usr is readable by the sandbox's unprivileged uid, unlike a private temporary directory.
        Path usr = Path.of("/usr");
        SandboxSpec spec = new SandboxSpec("probe", List.of("/usr/bin/true"), Map.of(),
                new Mounts(usr, usr, Optional.empty(), List.of()), 1, new Limits(64L << 20, 1, 16));
        try {
            Process p = sandbox.spawn(spec, true);
            p.getOutputStream().write(1);
            p.getOutputStream().close();
            String output = new String(p.getInputStream().readAllBytes()).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.of("the probe did not finish");
            }
            return p.exitValue() == 0 ? Optional.empty() : Optional.of(output);
        } catch (IOException e) {
            return Optional.of(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    /** Whether {@code bwrap --version} says 0.8 or later, the first with {@code --disable-userns}. */
    static boolean hasDisableUserns(Path bwrap) {
        try {
            Process p = new ProcessBuilder(bwrap.toString(), "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor(5, TimeUnit.SECONDS);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)\\.(\\d+)").matcher(out);
            if (!m.find()) {
                return false;
            }
            int major = Integer.parseInt(m.group(1));
            return major > 0 || Integer.parseInt(m.group(2)) >= 8;
        } catch (IOException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static Optional<Path> onPath(String program) {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin", "/usr/local/bin")) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
