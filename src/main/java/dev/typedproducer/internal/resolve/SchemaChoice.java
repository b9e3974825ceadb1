package dev.typedproducer.internal.resolve;

import dev.typedproducer.InvalidConfigException;

/**
 * Which registered schema a producer writes with.
 *
 * @param kind how it is chosen
 * @param number the version or id, for {@link Kind#VERSION} and {@link Kind#ID}; else 0
 */
public record SchemaChoice(Kind kind, int number) {
  /** How the schema is chosen. */
  public enum Kind {
    /** The local class's own schema, looked up (or registered) under the subject. */
    LOCAL,
    /** The latest version registered under the subject. */
    LATEST,
    /** One version number of the subject. */
    VERSION,
    /** One global schema id. */
    ID
  }

  public static final SchemaChoice LOCAL = new SchemaChoice(Kind.LOCAL, 0);

  /**
   * A version or id chosen by number.
   *
   * @throws InvalidConfigException when {@code number} is below 1
   */
  public static SchemaChoice of(Kind kind, int number) {
    SchemaChoice choice = new SchemaChoice(kind, number);
    if (number < 1) {
      String option = choice.option();
      throw new InvalidConfigException(option.substring(0, option.indexOf('(')), number,
          option + " is not a registry " + (kind == Kind.ID ? "id" : "version")
          + ": versions and ids start at 1.");
    }
    return choice;
  }
  public static final SchemaChoice LATEST = new SchemaChoice(Kind.LATEST, 0);

  /** How messages and settings name it: {@code useSchemaVersion(3)}. */
  public String option() {
    return switch (kind) {
      case LOCAL -> "the local schema";
      case LATEST -> "useLatestSchema()";
      case VERSION -> "useSchemaVersion(" + number + ")";
      case ID -> "useSchemaId(" + number + ")";
    };
  }
}
