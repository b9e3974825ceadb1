package dev.typedproducer.internal.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.typedproducer.SchemaRegistryException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A small client for the Confluent Schema Registry REST API, as served by Confluent Schema
 * Registry, Apicurio Registry ({@code /apis/ccompat/v7}), Karapace and Redpanda. Thread-safe.
 *
 * <p>Several base URLs may be given, comma-separated: a request that cannot reach one tries the
 * next, as Confluent's clients do.
 */
public final class SchemaRegistryClient {
  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  /** Confluent's error codes for "subject not found" and "schema not found". */
  static final int SUBJECT_NOT_FOUND = 40401;
  static final int SCHEMA_NOT_FOUND = 40403;
  static final int VERSION_NOT_FOUND = 40402;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<URI> baseUrls;
  private final String displayUrl;
  private final Duration timeout;
  private final String authorization;
  private final HttpClient http;

  private SchemaRegistryClient(List<URI> baseUrls, String displayUrl, Duration timeout,
      String authorization) {
    this.baseUrls = baseUrls;
    this.displayUrl = displayUrl;
    this.timeout = timeout;
    this.authorization = authorization;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /**
   * A client for {@code urls}: one base URL or several, comma-separated.
   *
   * @param basicAuth {@code user:password} for HTTP basic authentication, or null
   * @throws IllegalArgumentException if a URL is not an absolute http or https URL
   */
  public static SchemaRegistryClient create(String urls, Duration timeout, String basicAuth) {
    List<URI> parsed = new ArrayList<>();
    for (String url : urls.split(",")) {
      String trimmed = url.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      URI uri;
      try {
        uri = URI.create(trimmed.endsWith("/") ? trimmed : trimmed + "/");
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("\"" + trimmed + "\" is not a URL: " + e.getMessage(), e);
      }
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
          || uri.getHost() == null) {
        throw new IllegalArgumentException("\"" + trimmed + "\" is not an http:// or https:// URL");
      }
      parsed.add(uri);
    }
    if (parsed.isEmpty()) {
      throw new IllegalArgumentException("no URL given");
    }
    String authorization = basicAuth == null || basicAuth.isBlank() ? null : "Basic "
        + Base64.getEncoder().encodeToString(basicAuth.getBytes(StandardCharsets.UTF_8));
    return new SchemaRegistryClient(List.copyOf(parsed), urls.trim(), timeout, authorization);
  }

  /** The URL(s) as given, for messages. */
  public String url() {
    return displayUrl;
  }

  /** The id of {@code schema} under {@code subject}, or empty when it is not registered there. */
  public Optional<Integer> lookup(String subject, String schema) {
    Response response = send(subject, "POST", "subjects/" + path(subject), schemaBody(schema));
    if (response.status == 404 && (response.errorCode == SUBJECT_NOT_FOUND
        || response.errorCode == SCHEMA_NOT_FOUND)) {
      return Optional.empty();
    }
    return Optional.of(response.orThrow(subject, "look up the schema").path("id").asInt());
  }

  /** Registers {@code schema} under {@code subject} (idempotent) and returns its id. */
  public int register(String subject, String schema) {
    return send(subject, "POST", "subjects/" + path(subject) + "/versions", schemaBody(schema))
        .orThrow(subject, "register the schema").path("id").asInt();
  }

  /** The schema text with global id {@code id}. */
  public String schemaById(int id) {
    return send(null, "GET", "schemas/ids/" + id, null)
        .orThrow(null, "fetch schema id " + id).path("schema").asText();
  }

  /** The versions registered under {@code subject}, oldest first; empty for an unknown subject. */
  public List<Integer> versions(String subject) {
    Response response = send(subject, "GET", "subjects/" + path(subject) + "/versions", null);
    if (response.status == 404 && response.errorCode == SUBJECT_NOT_FOUND) {
      return List.of();
    }
    List<Integer> versions = new ArrayList<>();
    response.orThrow(subject, "list versions").forEach(v -> versions.add(v.asInt()));
    return versions;
  }

  /** One registered version of {@code subject}. */
  public RegisteredSchema version(String subject, int version) {
    JsonNode node = send(subject, "GET", "subjects/" + path(subject) + "/versions/" + version, null)
        .orThrow(subject, "fetch version " + version);
    return new RegisteredSchema(subject, node.path("version").asInt(), node.path("id").asInt(),
        node.path("schema").asText());
  }

  /**
   * The compatibility level set for {@code subject}, or empty when none is set for it (the
   * registry then applies its global level).
   */
  public Optional<String> subjectCompatibility(String subject) {
    Response response = send(subject, "GET", "config/" + path(subject), null);
    if (response.status == 404 && response.errorCode != 0) {
      return Optional.empty();
    }
    return Optional.of(response.orThrow(subject, "read the compatibility level")
        .path("compatibilityLevel").asText());
  }

  /** The registry's global compatibility level. */
  public String globalCompatibility() {
    return send(null, "GET", "config", null).orThrow(null, "read the compatibility level")
        .path("compatibilityLevel").asText();
  }

  /** Sets the compatibility level of {@code subject}. */
  public void setSubjectCompatibility(String subject, String level) {
    ObjectNode body = JSON.createObjectNode().put("compatibility", level);
    send(subject, "PUT", "config/" + path(subject), body.toString())
        .orThrow(subject, "set the compatibility level to " + level);
  }

  /**
   * Asks the registry whether {@code schema} may be registered under {@code subject}, at the
   * subject's level, against the version {@code against} ({@code "latest"} or a number), or
   * against every version when {@code against} is null (Confluent then applies the subject's
   * level; Apicurio always checks every version).
   */
  public CompatibilityVerdict testCompatibility(String subject, String against, String schema) {
    Response response = send(subject, "POST", "compatibility/subjects/" + path(subject)
        + "/versions" + (against == null ? "" : "/" + against) + "?verbose=true",
        schemaBody(schema));
    JsonNode node = response.orThrow(subject, "test compatibility");
    List<String> messages = new ArrayList<>();
    node.path("messages").forEach(m -> messages.add(m.asText()));
    if (node.hasNonNull("reason") && !node.path("reason").asText().isBlank()) {
      messages.add(node.path("reason").asText()); // Apicurio's form
    }
    return new CompatibilityVerdict(node.path("is_compatible").asBoolean(), messages);
  }

  /** Deletes {@code subject} and all its versions; {@code permanent} also removes them for good. */
  public void deleteSubject(String subject, boolean permanent) {
    Response response = send(subject, "DELETE",
        "subjects/" + path(subject) + (permanent ? "?permanent=true" : ""), null);
    if (response.status != 404) {
      response.orThrow(subject, "delete the subject");
    }
  }

  private static String schemaBody(String schema) {
    return JSON.createObjectNode().put("schema", schema).toString();
  }

  private static String path(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private Response send(String subject, String method, String relative, String body) {
    IOException lastFailure = null;
    URI lastUrl = null;
    for (URI base : baseUrls) {
      URI uri = base.resolve(relative);
      HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
          .header("Accept", CONTENT_TYPE + ", application/json")
          .method(method, body == null
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
      if (body != null) {
        request.header("Content-Type", CONTENT_TYPE);
      }
      if (authorization != null) {
        request.header("Authorization", authorization);
      }
      try {
        HttpResponse<String> response =
            http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return Response.of(method, uri, response.statusCode(), response.body(), displayUrl);
      } catch (IOException e) {
        lastFailure = e;
        lastUrl = uri;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SchemaRegistryException("Interrupted while calling the schema registry at "
            + uri, displayUrl, subject, 0, 0, true, e);
      }
    }
    throw new SchemaRegistryException("Cannot reach the schema registry at " + lastUrl + ": "
        + describe(lastFailure) + ". Check that the registry URL (" + displayUrl
        + ") is right and the registry is running, then try again.",
        displayUrl, subject, 0, 0, true, lastFailure);
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
  }

  /** One answer of the registry. */
  private record Response(String method, URI uri, int status, JsonNode body, int errorCode,
      String message, String registry) {

    static Response of(String method, URI uri, int status, String text, String registry) {
      JsonNode body;
      try {
        body = text == null || text.isBlank() ? JSON.nullNode() : JSON.readTree(text);
      } catch (IOException e) {
        body = JSON.nullNode();
      }
      if (status >= 300 && body.isNull()) {
        // Not JSON: a proxy's page, or the wrong URL. Keep the start of it for the message.
        String start = text == null ? "" : text.strip();
        return new Response(method, uri, status, body, 0,
            start.length() > 200 ? start.substring(0, 200) + "..." : start, registry);
      }
      return new Response(method, uri, status, body, body.path("error_code").asInt(0),
          body.path("message").asText(""), registry);
    }

    JsonNode orThrow(String subject, String action) {
      if (status >= 200 && status < 300) {
        return body;
      }
      boolean retriable = status >= 500 || status == 408 || status == 429;
      String what = "The schema registry at " + registry + " refused to " + action
          + (subject == null ? "" : " for subject " + subject) + ": HTTP " + status
          + (errorCode == 0 ? "" : " error_code " + errorCode)
          + (message.isEmpty() ? "" : " \"" + message + "\"") + " (" + method + " " + uri + "). ";
      throw new SchemaRegistryException(what + advice(subject), registry, subject, status,
          errorCode, retriable, null);
    }

    private String advice(String subject) {
      if (status == 401 || status == 403) {
        return "Check the registry credentials (schemaRegistryBasicAuth).";
      }
      if (status == 404 && errorCode == 0) {
        return "Check the registry URL: for Apicurio Registry it ends in /apis/ccompat/v7.";
      }
      if (status == 404) {
        return "Register the schema first, or check the subject name.";
      }
      if (status == 409) {
        return "The schema is not compatible with the versions already registered under "
            + subject + " at the subject's compatibility level; run the compatibility check to"
            + " see why.";
      }
      if (status == 422) {
        return "The registry rejected the request as invalid; check the schema.";
      }
      return status >= 500 ? "The registry failed; try again later." : "";
    }
  }
}
