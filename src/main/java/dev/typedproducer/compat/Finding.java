package dev.typedproducer.compat;

import java.util.Objects;

/**
 * One thing the compatibility check found in a schema change.
 *
 * @param id stable identifier, e.g. {@code FieldAddedWithoutDefault} or {@code DecimalScaleChanged}
 * @param severity whether it fails the check
 * @param accepted whether the schema accepts it by name ({@code "kafka.compat.allow"}); an accepted
 *     error does not fail the check
 * @param location where in the new schema, as a JSON pointer such as {@code /fields/3/type}, or
 *     empty when it is about the whole schema
 * @param problem what changed and what it does, in Avro's words where Avro has them
 * @param fix what to do about it
 * @param against the earlier version compared with, e.g. {@code version 2 (commit 1a2b3c4)}
 */
public record Finding(String id, Severity severity, boolean accepted, String location,
    String problem, String fix, String against) {

  public Finding {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(fix, "fix");
    Objects.requireNonNull(against, "against");
  }

  /** Whether this finding fails the check. */
  public boolean fails() {
    return severity == Severity.ERROR && !accepted;
  }

  /** This finding, accepted. */
  public Finding accept() {
    return new Finding(id, severity, true, location, problem, fix, against);
  }
}
