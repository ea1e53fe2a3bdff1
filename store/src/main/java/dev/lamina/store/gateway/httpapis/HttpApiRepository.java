package dev.lamina.store.gateway.httpapis;

import java.util.List;
import java.util.Optional;

/** HTTP APIs and their parts. Listings are ordered by creation, then id. */
public interface HttpApiRepository {
    Optional<StoredHttpApi> find(String apiId);

    List<StoredHttpApi> list();

    /** Inserts the API, or replaces the stored one of the same id (keeping its creation time). */
    void put(StoredHttpApi api);

    /** Deletes the API and every part of it; whether there was one. */
    boolean delete(String apiId);

    Optional<HttpApiPart> findPart(String apiId, HttpApiPart.Kind kind, String partId);

    List<HttpApiPart> parts(String apiId, HttpApiPart.Kind kind);

    /** Inserts the part, or replaces the stored one of the same key (keeping its creation time). */
    void putPart(HttpApiPart part);

    boolean deletePart(String apiId, HttpApiPart.Kind kind, String partId);
}
