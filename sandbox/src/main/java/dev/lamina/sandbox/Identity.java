package dev.lamina.sandbox;

/**
 * The unprivileged user a sandbox's processes run as. Lambda runs functions as uid 993
 * ({@code sbx_user1051}); Lamina uses the same ids by default.
 */
public record Identity(int uid, int gid) {
    public static final Identity LAMBDA = new Identity(993, 990);

    public Identity {
        if (uid < 1 || gid < 1) {
            throw new IllegalArgumentException("a sandbox never runs as root");
        }
    }
}
