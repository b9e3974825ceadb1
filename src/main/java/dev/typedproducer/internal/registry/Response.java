package dev.typedproducer.internal.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.typedproducer.SchemaRegistryException;
import java.io.IOException;
import java.net.URI;

/**
 * One answer to one request, and the exceptions that describe it.
 *
 * @param call what was asked, for messages
 * @param uri the URL asked, as messages show it (no password)
 * @param status the HTTP status
 * @param body the answer as JSON, or null when it is not a JSON object or array
 * @param text the start of the answer's text, for messages
 */
record Response(Call call, URI uri, int status, JsonNode body, String text) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int SHOWN = 200;

  /**
   * What was asked of the registry.
   *
   * @param registry the registry URL(s), as messages show them
   * @param subject the subject, or null
   * @param action what was asked, e.g. "look up the schema"
   * @param method the HTTP method
   */
  record Call(String registry, String subject, String action, String method) {
    String forSubject() {
      return action + (subject == null ? "" : " for subject " + subject);
    }
  }

  static Response of(Call call, URI uri, int status, String text) {
    JsonNode body = null;
    if (text != null && !text.isBlank()) {
      try {
        JsonNode parsed = JSON.readTree(text);
        body = parsed != null && parsed.isContainerNode() ? parsed : null;
      } catch (IOException e) {
        body = null; // not JSON: a proxy's page, or not a registry at this URL
      }
    }
    return new Response(call, uri, status, body, shorten(text));
  }

  int errorCode() {
    return body == null ? 0 : body.path("error_code").asInt(0);
  }

  /** Whether trying again, here or at another URL, may give a different answer. */
  boolean retriable() {
    return status >= 500 || status == 408 || status == 429;
  }

  boolean isNotFound(int... errorCodes) {
    if (status != 404 || body == null) {
      return false;
    }
    for (int code : errorCodes) {
      if (errorCode() == code) {
        return true;
      }
    }
    return false;
  }

  /**
   * The body of a successful answer.
   *
   * @throws SchemaRegistryException for any other answer
   */
  JsonNode orThrow() {
    if (status >= 200 && status < 300) {
      return body;
    }
    throw refusal();
  }

  /** The registry did not do what was asked: its status, error code and message. */
  SchemaRegistryException refusal() {
    String message = body == null ? "" : body.path("message").asText("");
    String what = "The schema registry at " + call.registry() + " refused to " + call.forSubject()
        + ": " + summary() + " (" + call.method() + " " + uri + "). ";
    return new SchemaRegistryException(what + advice(), call.registry(), call.subject(), status,
        errorCode(), retriable(), null);
  }

  /** The answer is not a schema registry's, for {@code reason}. */
  SchemaRegistryException notRegistry(String reason) {
    return new SchemaRegistryException("Asked to " + call.forSubject() + ", " + call.method()
        + " " + uri + " got an answer that is not a schema registry's: "
        + notRegistrySummary(reason) + ". Is a proxy or another service answering in the"
        + " registry's place, or is the URL wrong? Check the registry URL (" + call.registry()
        + "); for Apicurio Registry it ends in /apis/ccompat/v7.", call.registry(),
        call.subject(), status, errorCode(), false, null);
  }

  /** What came back, in short: {@code HTTP 503 error_code 50003 "down"}. */
  String summary() {
    if (body == null) {
      return "HTTP " + status + (text.isEmpty() ? " with an empty body" : " " + text);
    }
    String message = body.path("message").asText("");
    return "HTTP " + status + (errorCode() == 0 ? "" : " error_code " + errorCode())
        + (message.isEmpty() ? "" : " \"" + message + "\"");
  }

  String notRegistrySummary(String reason) {
    return "HTTP " + status + (text.isEmpty() ? " with an empty body" : " " + text) + " (" + reason
        + ")";
  }

  private String advice() {
    if (status == 409) {
      return "The schema is not compatible with the versions already registered under "
          + call.subject() + " at the subject's compatibility level; run the compatibility check"
          + " to see why.";
    }
    RegistryErrors.Meaning meaning = RegistryErrors.of(errorCode());
    if (meaning != null) {
      return meaning.text();
    }
    if (status == 401 || status == 403) {
      return "Check the registry credentials (schemaRegistryBasicAuth, user:password in the"
          + " URL, or the bearer token).";
    }
    if (status == 404) {
      return "Register the schema first, or check the subject name.";
    }
    if (status == 422) {
      return "The registry rejected the request as invalid; check the schema.";
    }
    if (status == 408 || status == 429) {
      return "The registry is busy or slow; try again later.";
    }
    return status >= 500 ? "The registry failed; try again later." : "";
  }

  /** The start of {@code text} on one line, for messages. */
  static String shorten(String text) {
    if (text == null) {
      return "";
    }
    String line = text.strip().replaceAll("\\s+", " ");
    return line.length() > SHOWN ? line.substring(0, SHOWN) + "..." : line;
  }

  /** The answer is not what a schema registry answers to this request: try another URL. */
  static final class NotRegistryAnswer extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotRegistryAnswer(String reason) {
      super(reason, null, false, false);
    }
  }
}
