package dev.typedproducer.compat;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The compatibility levels of Confluent Schema Registry (and Apicurio's, Karapace's and
 * Redpanda's): which earlier versions a new schema is checked against, and in which direction.
 */
public enum CompatibilityLevel {
  /** The new schema can read data written with the latest version (consumers upgrade first). */
  BACKWARD(true, false, false),
  /** As BACKWARD, against every earlier version. */
  BACKWARD_TRANSITIVE(true, false, true),
  /** The latest version can read data written with the new schema (producers upgrade first). */
  FORWARD(false, true, false),
  /** As FORWARD, for every earlier version. */
  FORWARD_TRANSITIVE(false, true, true),
  /** BACKWARD and FORWARD against the latest version. */
  FULL(true, true, false),
  /** BACKWARD and FORWARD against every earlier version. */
  FULL_TRANSITIVE(true, true, true),
  /** No check. */
  NONE(false, false, false);

  private final boolean backward;
  private final boolean forward;
  private final boolean transitive;

  CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
    this.backward = backward;
    this.forward = forward;
    this.transitive = transitive;
  }

  /** Whether the new schema must read old data. */
  public boolean backward() {
    return backward;
  }

  /** Whether old schemas must read new data. */
  public boolean forward() {
    return forward;
  }

  /** Whether every earlier version counts, not only the latest. */
  public boolean transitive() {
    return transitive;
  }

  /**
   * The level named {@code name}, in any case.
   *
   * @throws IllegalArgumentException naming the levels there are
   */
  public static CompatibilityLevel parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("\"" + name + "\" is not a compatibility level; use one"
          + " of " + names(), e);
    }
  }

  /** The levels, comma-separated. */
  public static String names() {
    return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
  }
}
