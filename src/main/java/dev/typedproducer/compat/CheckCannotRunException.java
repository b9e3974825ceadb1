package dev.typedproducer.compat;

/** The check itself could not run (no git history, registry unreachable, ...): exit code 2. */
public final class CheckCannotRunException extends Exception {
  private static final long serialVersionUID = 1L;

  public CheckCannotRunException(String message) {
    super(message);
  }

  public CheckCannotRunException(String message, Throwable cause) {
    super(message, cause);
  }
}
