package dev.typedproducer.internal.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.typedproducer.SchemaRegistryException;
import dev.typedproducer.internal.registry.Response.NotRegistryAnswer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;

/**
 * A small client for the Confluent Schema Registry REST API, as served by Confluent Schema
 * Registry, Apicurio Registry ({@code /apis/ccompat/v7}), Karapace and Redpanda. Thread-safe.
 *
 * <p>Several base URLs may be given, comma-separated: a request goes to the next URL when one
 * cannot be reached, times out, answers 5xx, 408 or 429, or answers what no schema registry
 * would (an HTML page, an id that is not a positive 4-byte integer, ...). A registry's answer
 * about the request itself (another 4xx, e.g. 404 subject not found, 401, 409, 422) is final.
 *
 * <p>Failures that may pass (no URL reachable, a timeout, 5xx, 408, 429) are tried again, after a
 * capped exponential backoff with jitter, while the client's {@linkplain Settings#retryWindow()
 * retry window} is open; it opens at the client's first request. A refusal (another 4xx) is never
 * tried again.
 *
 * <p>Every method throws {@link SchemaRegistryException}: {@linkplain
 * SchemaRegistryException#isRetriable() retriable} when no URL could be reached or each failed
 * (5xx, 408, 429), not retriable for a registry's refusal or an answer that is not a registry's.
 */
public final class SchemaRegistryClient {
  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  /** Confluent's error codes for "subject not found" and "schema not found". */
  static final int SUBJECT_NOT_FOUND = 40401;
  static final int SCHEMA_NOT_FOUND = 40403;
  static final int VERSION_NOT_FOUND = 40402;
  /** The compatibility levels a registry answers with (the names of compat.CompatibilityLevel). */
  private static final Set<String> LEVELS = Set.of("BACKWARD", "BACKWARD_TRANSITIVE", "FORWARD",
      "FORWARD_TRANSITIVE", "FULL", "FULL_TRANSITIVE", "NONE");

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * How to reach the registry, besides its URLs.
   *
   * @param timeout how long to wait for each URL to connect and to answer; positive
   * @param retryWindow how long failures that may pass are tried again, from the first request;
   *     zero for never
   * @param basicAuth {@code user:password} for HTTP basic authentication, or null
   * @param bearerToken gives the bearer token, asked again when the registry answers 401; or null
   * @param tls the TLS context for https URLs (trust store, key store), or null for the JDK's
   */
  public record Settings(Duration timeout, Duration retryWindow, String basicAuth,
      Supplier<String> bearerToken, SSLContext tls) {
    /** A request timeout alone: no retries, no credentials, the JDK's TLS defaults. */
    public static Settings of(Duration timeout) {
      return new Settings(timeout, Duration.ZERO, null, null, null);
    }

    @Override
    public String toString() {
      return "Settings[timeout=" + timeout + ", retryWindow=" + retryWindow + ", basicAuth="
          + (basicAuth == null ? "none" : "***") + ", bearerToken="
          + (bearerToken == null ? "none" : "***") + ", tls=" + (tls == null ? "default" : "custom")
          + "]";
    }
  }

  private final RegistryUrls urls;
  private final RegistryTransport transport;

  private SchemaRegistryClient(RegistryUrls urls, Settings settings) {
    this.urls = urls;
    this.transport = new RegistryTransport(urls, settings);
  }

  /**
   * A client for {@code urls}: one base URL or several, comma-separated. A URL may carry HTTP
   * basic credentials, percent-encoded: {@code http://user:password@host:8081}.
   *
   * @param timeout how long to wait for each URL to connect and to answer; positive
   * @param basicAuth {@code user:password} for HTTP basic authentication, or null
   * @throws IllegalArgumentException if a URL is not an absolute http or https URL, if a URL's
   *     credentials differ from {@code basicAuth}, or if {@code timeout} is not positive
   */
  public static SchemaRegistryClient create(String urls, Duration timeout, String basicAuth) {
    return create(urls, new Settings(timeout, Duration.ZERO, basicAuth, null, null));
  }

  /**
   * A client for {@code urls} (see {@link #create(String, Duration, String)}) with
   * {@code settings}.
   *
   * @throws IllegalArgumentException as {@link #create(String, Duration, String)} does, or when
   *     credentials are given both as basic auth (or in a URL) and as a bearer token
   */
  public static SchemaRegistryClient create(String urls, Settings settings) {
    Duration timeout = settings.timeout();
    if (timeout == null || timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    if (settings.retryWindow() == null || settings.retryWindow().isNegative()) {
      throw new IllegalArgumentException("retryWindow must not be negative, was "
          + settings.retryWindow());
    }
    RegistryUrls parsed = RegistryUrls.parse(urls, settings.basicAuth());
    if (settings.bearerToken() != null
        && parsed.endpoints().stream().anyMatch(e -> e.authorization() != null)) {
      throw new IllegalArgumentException("credentials are given twice: as basic auth (or in the"
          + " URL) and as a bearer token. Give one of them");
    }
    return new SchemaRegistryClient(parsed, settings);
  }

  /** The URL(s) as given, passwords shown as {@code ***}: for messages. */
  public String url() {
    return urls.display();
  }

  /** {@code urls} (comma-separated) with any password shown as {@code ***}: for messages. */
  public static String redact(String urls) {
    return RegistryUrls.redact(urls);
  }

  /** The id of {@code schema} under {@code subject}, or empty when it is not registered there. */
  public Optional<Integer> lookup(String subject, String schema) {
    return send(subject, "look up the schema", "POST", "subjects/" + path(subject),
        schemaBody(schema), r -> r.isNotFound(SUBJECT_NOT_FOUND, SCHEMA_NOT_FOUND)
            ? Optional.empty() : Optional.of(positive(r.orThrow(), "id")));
  }

  /**
   * The version of {@code schema}, which uses {@code references}, under {@code subject}; empty
   * when it is not registered there.
   */
  public Optional<RegisteredSchema> lookup(String subject, String schema,
      List<SchemaReference> references) {
    return send(subject, "look up the schema", "POST", "subjects/" + path(subject),
        schemaBody(schema, references), r -> {
          if (r.isNotFound(SUBJECT_NOT_FOUND, SCHEMA_NOT_FOUND)) {
            return Optional.empty();
          }
          JsonNode node = r.orThrow();
          return Optional.of(new RegisteredSchema(subject, positive(node, "version"),
              positive(node, "id"), schema, references));
        });
  }

  /** Registers {@code schema} under {@code subject} (idempotent) and returns its id. */
  public int register(String subject, String schema) {
    return register(subject, schema, List.of());
  }

  /**
   * Registers {@code schema}, which uses the named types of {@code references}, under
   * {@code subject} (idempotent) and returns its id.
   */
  public int register(String subject, String schema, List<SchemaReference> references) {
    return send(subject, "register the schema", "POST", "subjects/" + path(subject) + "/versions",
        schemaBody(schema, references), r -> positive(r.orThrow(), "id"));
  }

  /** The schema text with global id {@code id}. */
  public String schemaById(int id) {
    return send(null, "fetch schema id " + id, "GET", "schemas/ids/" + id, null,
        r -> text(r.orThrow(), "schema"));
  }

  /** The versions registered under {@code subject}, oldest first; empty for an unknown subject. */
  public List<Integer> versions(String subject) {
    return send(subject, "list versions", "GET", "subjects/" + path(subject) + "/versions", null,
        r -> {
          if (r.isNotFound(SUBJECT_NOT_FOUND)) {
            return List.of();
          }
          JsonNode node = r.orThrow();
          List<Integer> versions = new ArrayList<>();
          node.forEach(v -> versions.add(v.isIntegralNumber() && v.canConvertToInt()
              && v.intValue() > 0 ? v.intValue() : 0));
          if (!node.isArray() || versions.contains(0)) {
            throw new NotRegistryAnswer("it is not a list of version numbers");
          }
          return List.copyOf(versions);
        });
  }

  /** One registered version of {@code subject}. */
  public RegisteredSchema version(String subject, int version) {
    return version(subject, Integer.toString(version));
  }

  /** The latest version registered under {@code subject}. */
  public RegisteredSchema latestVersion(String subject) {
    return version(subject, "latest");
  }

  private RegisteredSchema version(String subject, String version) {
    return send(subject, "fetch version " + version, "GET",
        "subjects/" + path(subject) + "/versions/" + version, null, r -> {
          JsonNode node = r.orThrow();
          return new RegisteredSchema(subject, positive(node, "version"), positive(node, "id"),
              text(node, "schema"), references(node));
        });
  }

  /**
   * The compatibility level set for {@code subject}, or empty when none is set for it (the
   * registry then applies its global level).
   */
  public Optional<String> subjectCompatibility(String subject) {
    return send(subject, "read the compatibility level", "GET", "config/" + path(subject), null,
        r -> r.status() == 404 && r.errorCode() != 0 ? Optional.empty()
            : Optional.of(level(r.orThrow())));
  }

  /** The registry's global compatibility level. */
  public String globalCompatibility() {
    return send(null, "read the compatibility level", "GET", "config", null,
        r -> level(r.orThrow()));
  }

  /** Sets the compatibility level of {@code subject}. */
  public void setSubjectCompatibility(String subject, String level) {
    ObjectNode body = JSON.createObjectNode().put("compatibility", level);
    send(subject, "set the compatibility level to " + level, "PUT", "config/" + path(subject),
        body.toString(), Response::orThrow);
  }

  /**
   * Asks the registry whether {@code schema} may be registered under {@code subject}, at the
   * subject's level, against the version {@code against} ({@code "latest"} or a number), or
   * against every version when {@code against} is null (Confluent then applies the subject's
   * level; Apicurio always checks every version).
   */
  public CompatibilityVerdict testCompatibility(String subject, String against, String schema) {
    return send(subject, "test compatibility", "POST", "compatibility/subjects/" + path(subject)
        + "/versions" + (against == null ? "" : "/" + against) + "?verbose=true",
        schemaBody(schema), r -> {
          JsonNode node = r.orThrow();
          if (!node.path("is_compatible").isBoolean()) {
            throw new NotRegistryAnswer("it has no \"is_compatible\": true or false");
          }
          List<String> messages = new ArrayList<>();
          node.path("messages").forEach(m -> messages.add(m.asText()));
          if (node.hasNonNull("reason") && !node.path("reason").asText().isBlank()) {
            messages.add(node.path("reason").asText()); // Apicurio's form
          }
          return new CompatibilityVerdict(node.path("is_compatible").booleanValue(), messages);
        });
  }

  /** Deletes {@code subject} and all its versions; {@code permanent} also removes them for good. */
  public void deleteSubject(String subject, boolean permanent) {
    send(subject, "delete the subject", "DELETE",
        "subjects/" + path(subject) + (permanent ? "?permanent=true" : ""), null,
        r -> r.status() == 404 ? r.body() : r.orThrow());
  }

  /** {@code node}'s {@code field}: an id or version, which Confluent's frame holds in 4 bytes. */
  private static int positive(JsonNode node, String field) {
    JsonNode value = node.path(field);
    if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 1) {
      throw new NotRegistryAnswer("it has no \"" + field + "\" that is a whole number from 1 to "
          + Integer.MAX_VALUE);
    }
    return value.intValue();
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    if (!value.isTextual() || value.textValue().isBlank()) {
      throw new NotRegistryAnswer("it has no \"" + field + "\" text");
    }
    return value.textValue();
  }

  private static String level(JsonNode node) {
    JsonNode value = node.path("compatibilityLevel");
    if (!value.isTextual() || !LEVELS.contains(value.textValue().toUpperCase(Locale.ROOT))) {
      throw new NotRegistryAnswer("it has no \"compatibilityLevel\" that is one of "
          + LEVELS.stream().sorted().collect(Collectors.joining(", ")));
    }
    return value.textValue();
  }

  private static List<SchemaReference> references(JsonNode node) {
    List<SchemaReference> references = new ArrayList<>();
    for (JsonNode reference : node.path("references")) {
      references.add(new SchemaReference(text(reference, "name"), text(reference, "subject"),
          positive(reference, "version")));
    }
    return references;
  }

  private static String schemaBody(String schema) {
    return schemaBody(schema, List.of());
  }

  private static String schemaBody(String schema, List<SchemaReference> references) {
    ObjectNode body = JSON.createObjectNode().put("schema", schema);
    if (!references.isEmpty()) {
      var array = body.putArray("references");
      references.forEach(r -> array.addObject().put("name", r.name())
          .put("subject", r.subject()).put("version", r.version()));
    }
    return body.toString();
  }

  private static String path(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private <T> T send(String subject, String action, String method, String relative, String body,
      Function<Response, T> reader) {
    return transport.send(subject, action, method, relative, body, reader);
  }
}
