package dev.typedproducer;

/**
 * An event cannot be sent as it is, for example because its key field is null. Thrown by
 * {@link TypedProducer#send} before anything is handed to Kafka: nothing was sent. Fatal for that
 * event: fix the value and send it again.
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
    super(message);
    this.field = field;
  }

  /** The field at fault. */
  public String field() {
    return field;
  }
}
