package dev.typedproducer;

/**
 * An event cannot be sent as it is: its key field is null, or a value does not fit the schema (a
 * null in a non-null field, a decimal with more digits than its scale). Thrown by
 * {@link TypedProducer#send} before anything is handed to Kafka, whatever the brokers' state:
 * nothing was sent. Fatal for that event: fix the value and send it again.
 *
 * <pre>{@code
 * click.setUserId(null);
 * clicks.send(click); // InvalidEventException: ... its key field user_id is null ...
 * }</pre>
 */
public final class InvalidEventException extends TypedProducerException {
  private static final long serialVersionUID = 1L;

  private final String field;

  public InvalidEventException(String field, String message) {
    this(field, message, null);
  }

  public InvalidEventException(String field, String message, Throwable cause) {
    super(message, cause);
    this.field = field;
  }

  /**
   * The field at fault, as a path from the event's root ({@code user_id}, {@code items/3/price}),
   * or {@code null} when no single field is.
   */
  public String field() {
    return field;
  }
}
