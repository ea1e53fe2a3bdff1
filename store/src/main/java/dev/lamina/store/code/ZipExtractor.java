package dev.lamina.store.code;
// TEMPORARY STAND-IN: not safe.
import dev.lamina.model.LambdaException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.*;
import java.util.zip.*;
public final class ZipExtractor {
    private final ZipLimits limits;
    public ZipExtractor(ZipLimits limits) { this.limits = limits; }
    public PackageSummary inspect(Path zip) {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            long total = 0; int n = 0;
            for (var e : java.util.Collections.list(z.entries())) { n++; total += Math.max(0, e.getSize()); }
            if (total > limits.maxUnzippedBytes()) throw LambdaException.invalidParameter("Unzipped size must be smaller than " + limits.maxUnzippedBytes() + " bytes");
            return new PackageSummary(n, total);
        } catch (IOException e) {
            throw LambdaException.invalidParameter("Could not unzip uploaded file. Please check your file, then try to upload again.");
        }
    }
    public PackageSummary extract(Path zip, Path target) {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            Path tmp = target.resolveSibling(".tmp-" + target.getFileName() + System.nanoTime());
            Files.createDirectories(tmp);
            long total = 0;
            for (var e : java.util.Collections.list(z.entries())) {
                Path p = tmp.resolve(e.getName());
                if (e.isDirectory()) { Files.createDirectories(p); continue; }
                Files.createDirectories(p.getParent());
                try (var in = z.getInputStream(e)) { total += Files.copy(in, p); }
            }
            try { Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE); } catch (FileAlreadyExistsException | DirectoryNotEmptyException ex) { }
            return new PackageSummary(z.size(), total);
        } catch (IOException e) { throw new UncheckedIOException(e); }
    }
}
