package dev.lamina.gateway.web;

/** One of the two kinds of API behind {@code execute-api} addresses: HTTP APIs or REST APIs. */
public interface ApiFront extends WebFront {

    /** Whether an API with this id exists in this front (ids of the two kinds never collide). */
    boolean owns(String apiId);
}
