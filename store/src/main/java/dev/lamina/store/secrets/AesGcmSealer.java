package dev.lamina.store.secrets;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * AES-256-GCM with a random 96-bit nonce per value. Sealed text is {@code lamina:v1:} followed by
 * base64 of nonce ‖ ciphertext ‖ 128-bit tag. The optional context is bound in as associated data,
 * so a value sealed for one purpose (one function's variables, say) does not open for another.
 */
public final class AesGcmSealer implements SecretSealer {
    static final String MARKER = "lamina:v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final byte[] context;
    private final SecureRandom random = new SecureRandom();

    /** @param key 32 bytes; {@code context} is associated data every value is bound to */
    public AesGcmSealer(byte[] key, String context) {
        if (key.length != 32) {
            throw new IllegalArgumentException("an AES-256 key has 32 bytes, not " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
        this.context = context.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String seal(String plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            ByteBuffer out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed);
            return MARKER + Base64.getEncoder().encodeToString(out.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    @Override
    public String open(String sealed) {
        if (!isSealed(sealed)) {
            throw new SealException("the value is not sealed text", null);
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed.substring(MARKER.length()));
        } catch (IllegalArgumentException e) {
            throw new SealException("sealed text is not valid base64", e);
        }
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new SealException("sealed text is too short", null);
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(bytes, NONCE_BYTES));
            byte[] plain = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new SealException("sealed text does not open with this master key (or was altered)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    @Override
    public boolean isSealed(String text) {
        return text != null && text.startsWith(MARKER);
    }

    private Cipher cipher(int mode, byte[] nonce) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(context);
        return cipher;
    }
}
