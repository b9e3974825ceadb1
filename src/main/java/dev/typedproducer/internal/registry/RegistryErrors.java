package dev.typedproducer.internal.registry;

import java.util.Map;

/**
 * What a registry's {@code error_code} means and what to do about it, as Confluent Schema Registry
 * documents them (Apicurio, Karapace and Redpanda answer with the same codes). The README's
 * error-code table is this table.
 */
final class RegistryErrors {
  /** One error code: what happened, and what to do. */
  record Meaning(String happened, String fix) {
    String text() {
      return happened + ". " + fix;
    }
  }

  private static final Map<Integer, Meaning> BY_CODE = Map.ofEntries(
      Map.entry(40101, new Meaning("The registry does not know these credentials",
          "Check the registry credentials (schemaRegistryBasicAuth, user:password in the URL,"
              + " or the bearer token).")),
      Map.entry(40301, new Meaning("The credentials are valid but not allowed this operation",
          "Ask the registry's owners to grant the principal access to the subject.")),
      Map.entry(40401, new Meaning("The subject does not exist",
          "Register the schema first (the register deploy step), or check the subject name"
              + " and subject name strategy.")),
      Map.entry(40402, new Meaning("The subject has no such version",
          "List the subject's versions and pick one that exists.")),
      Map.entry(40403, new Meaning("The registry does not have this schema",
          "Register the schema first (the register deploy step), or check the schema id.")),
      Map.entry(40408, new Meaning("The subject has no compatibility level of its own",
          "The registry's global level applies; set one for the subject if it needs another.")),
      Map.entry(409, new Meaning("The schema is not compatible with the versions already"
          + " registered at the subject's compatibility level",
          "Run the compatibility check (compat) to see why, and fix the change.")),
      Map.entry(42201, new Meaning("The registry finds the schema invalid",
          "Check the schema (validate), and that its references are registered.")),
      Map.entry(42202, new Meaning("The version is not valid",
          "Give a version from 1 up, or \"latest\".")),
      Map.entry(42203, new Meaning("The compatibility level is not valid",
          "Use BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL,"
              + " FULL_TRANSITIVE or NONE.")),
      Map.entry(42205, new Meaning("The registry does not permit this operation now (e.g. it"
          + " is in READONLY or IMPORT mode)", "Ask the registry's owners to set it to"
              + " READWRITE, or try again after their maintenance.")),
      Map.entry(50001, new Meaning("The registry's storage failed",
          "Try again later; the registry's owners should look at its storage.")),
      Map.entry(50002, new Meaning("The registry timed out on the operation",
          "Try again later.")),
      Map.entry(50003, new Meaning("The registry could not forward the request to its leader",
          "Try again later; a registry cluster is electing a leader.")));

  private RegistryErrors() {}

  /** The meaning of {@code errorCode}, or null when it is not a known one. */
  static Meaning of(int errorCode) {
    return BY_CODE.get(errorCode);
  }

  /** Every known code, for documentation and tests. */
  static Map<Integer, Meaning> all() {
    return BY_CODE;
  }
}
