package dev.typedproducer.tool;

/** The command cannot run at all (exit code 2): a missing file, an unknown event type, no broker. */
public final class CannotRunException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CannotRunException(String message) {
    super(message);
  }

  public CannotRunException(String message, Throwable cause) {
    super(message, cause);
  }
}
