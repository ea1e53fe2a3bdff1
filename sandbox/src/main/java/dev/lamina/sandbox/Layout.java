package dev.lamina.sandbox;

/**
 * Where the mounted directories appear to the sandboxed process. In a real sandbox these are
 * Lambda's paths; in the plain-process fallback they are the host paths themselves.
 */
public record Layout(String task, String runtime, String opt, String tmp) {
    /** Lambda's own layout. */
    public static final Layout LAMBDA = new Layout("/var/task", "/var/runtime", "/opt", "/tmp");
}
