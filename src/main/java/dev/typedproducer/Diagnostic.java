package dev.typedproducer;

import java.util.Objects;

/**
 * One problem found in a schema, with a stable id that can be searched for and quoted, the place it
 * was found and what to do about it.
 *
 * <p>{@link #toString()} gives the one-line form that the build and the CLI print:
 * <pre>{@code
 * [KeyFieldMissing] schemas/user_clicks.avsc: record com.acme.UserClick has no field marked "kafka.key": true.
 *     Fix: mark exactly one field as the key, e.g. {"name": "user_id", "type": "string", "kafka.key": true}
 * }</pre>
 *
 * @param id stable identifier of the rule, e.g. {@code KeyFieldMissing}
 * @param source where the schema came from: a file such as {@code schemas/user_clicks.avsc}, or
 *     {@code class com.acme.UserClick} for a class passed in at run time
 * @param record full name of the record the problem is in
 * @param field the field concerned, or {@code null} when the problem is not about one field
 * @param problem what is wrong, naming the offending value
 * @param fix what to do about it
 */
public record Diagnostic(
    String id, String source, String record, String field, String problem, String fix) {

  public Diagnostic {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(fix, "fix");
  }

  @Override
  public String toString() {
    return "[" + id + "] " + source + ": " + problem + "\n    Fix: " + fix;
  }
}
