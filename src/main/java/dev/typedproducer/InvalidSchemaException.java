package dev.typedproducer;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An event class or schema breaks the rules that typed-producer relies on, for example it marks no
 * field as the Kafka key. Fatal: fix the schema in {@code schemas/} and rebuild.
 *
 * <p>Each problem is a {@link Diagnostic} with a stable id; the message lists them all.
 *
 * <pre>{@code
 * catch (InvalidSchemaException e) {
 *   e.diagnostics().forEach(d -> log.error("{} in {}: {}", d.id(), d.source(), d.problem()));
 * }
 * }</pre>
 */
public final class InvalidSchemaException extends TypedProducerException {
  private static final long serialVersionUID = 1L;

  private final transient List<Diagnostic> diagnostics;

  public InvalidSchemaException(List<Diagnostic> diagnostics) {
    super(message(diagnostics));
    this.diagnostics = List.copyOf(diagnostics);
  }

  /** Every problem found, in the order found. Never empty. */
  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  private static String message(List<Diagnostic> diagnostics) {
    if (diagnostics.isEmpty()) {
      throw new IllegalArgumentException("an InvalidSchemaException needs at least one diagnostic");
    }
    return diagnostics.stream().map(Diagnostic::toString).collect(Collectors.joining("\n"));
  }
}
