package dev.lamina.model;

import org.junit.jupiter.api.Test;

import java.security.MessageDigest;

import static org.assertj.core.api.Assertions.assertThat;

class CodeDigestTest {
    @Test
    void hexAndBase64AreTwoSpellingsOfTheSameDigest() throws Exception {
        byte[] sha = MessageDigest.getInstance("SHA-256").digest("hello".getBytes());
        CodeDigest d = new CodeDigest(sha);
        assertThat(d.hex()).isEqualTo("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
        assertThat(d.base64()).isEqualTo("LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=");
        assertThat(CodeDigest.ofBase64(d.base64())).isEqualTo(d).hasSameHashCodeAs(d);
        assertThat(CodeDigest.ofHex(d.hex())).isEqualTo(d);
    }

    @Test
    void theDigestCannotBeChangedThroughItsBytes() throws Exception {
        byte[] sha = MessageDigest.getInstance("SHA-256").digest("x".getBytes());
        CodeDigest d = new CodeDigest(sha);
        sha[0]++;
        d.bytes()[1]++;
        assertThat(d).isEqualTo(new CodeDigest(MessageDigest.getInstance("SHA-256").digest("x".getBytes())));
    }
}
