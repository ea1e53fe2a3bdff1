package dev.lamina.store.gateway.restapis;

import java.util.List;
import java.util.Optional;

/** REST APIs and their parts. Listings of APIs are ordered by id, parts by creation, then id. */
public interface RestApiRepository {
    Optional<StoredRestApi> find(String id);

    /** APIs with an id after {@code after}, at most {@code limit}. */
    List<StoredRestApi> list(Optional<String> after, int limit);

    /** Every API's id. */
    List<String> ids();

    /** Inserts the API, or replaces the document of the one with its id (its parts stay). */
    void put(StoredRestApi api);

    /** Deletes the API and all its parts; whether there was one. */
    boolean delete(String id);

    Optional<RestApiPart> part(String apiId, String kind, String id);

    List<RestApiPart> parts(String apiId, String kind);

    /** Inserts the part, or replaces the document of the one with its key. */
    void putPart(RestApiPart part);

    boolean deletePart(String apiId, String kind, String id);
}
