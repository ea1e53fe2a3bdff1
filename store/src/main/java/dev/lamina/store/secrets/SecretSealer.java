package dev.lamina.store.secrets;

/**
 * Encrypts secrets before they reach the disk and decrypts them after they are read back. Sealed
 * text is printable (safe in a TEXT column or a JSON string) and carries its own format marker, so
 * a reader can tell sealed values from ones written before sealing existed.
 *
 * <p>Implementations are thread-safe. {@link #open} fails with {@link SealException} on text that
 * was not sealed with this key or was altered: a wrong master key must never yield garbage.
 */
public interface SecretSealer {
    String seal(String plaintext);

    String open(String sealed);

    /** Whether {@code text} carries the marker of sealed text (it may still fail to open). */
    boolean isSealed(String text);

    final class SealException extends RuntimeException {
        public SealException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
