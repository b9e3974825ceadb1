package dev.typedproducer;

/**
 * The schema registry could not be reached, refused a request, or does not know a schema. The
 * message names the registry URL and the subject, and says what to do.
 *
 * <p>{@link #isRetriable()} is true when trying again later may succeed (the registry was
 * unreachable, timed out or answered 5xx), false when the request itself must change (unknown
 * subject, schema not registered, incompatible schema, bad credentials).
 *
 * <pre>{@code
 * catch (SchemaRegistryException e) {
 *   log.error("registry {} subject {}: HTTP {} error_code {}", e.url(), e.subject(),
 *       e.httpStatus(), e.errorCode());
 * }
 * }</pre>
 */
public final class SchemaRegistryException extends TypedProducerException {
  private static final long serialVersionUID = 1L;

  private final String url;
  private final String subject;
  private final int httpStatus;
  private final int errorCode;
  private final boolean retriable;

  public SchemaRegistryException(
      String message, String url, String subject, int httpStatus, int errorCode, boolean retriable,
      Throwable cause) {
    super(message, cause);
    this.url = url;
    this.subject = subject;
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
    this.retriable = retriable;
  }

  /** The registry URL that was asked. */
  public String url() {
    return url;
  }

  /** The subject concerned, or {@code null} when the request was not about one subject. */
  public String subject() {
    return subject;
  }

  /** The HTTP status the registry answered, or 0 when it gave no answer. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The registry's {@code error_code} (e.g. 40401 subject not found), or 0 when there was none. */
  public int errorCode() {
    return errorCode;
  }

  /** Whether trying again later may succeed. */
  public boolean isRetriable() {
    return retriable;
  }
}
