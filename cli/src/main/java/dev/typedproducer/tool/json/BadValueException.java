package dev.typedproducer.tool.json;

/**
 * A JSON value that does not fit its Avro type: where it is ({@code address/zip},
 * {@code features/3}, empty for the whole line) and why, in words that say what would fit.
 */
public final class BadValueException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String path;
  private final String reason;

  public BadValueException(String path, String reason) {
    super(path.isEmpty() ? reason : path + ": " + reason);
    this.path = path;
    this.reason = reason;
  }

  /** Where the value is, from the event's root; empty for the line as a whole. */
  public String path() {
    return path;
  }

  /** What is wrong and what would fit. */
  public String reason() {
    return reason;
  }
}
