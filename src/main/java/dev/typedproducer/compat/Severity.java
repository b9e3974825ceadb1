package dev.typedproducer.compat;

/** Whether a finding fails the check. */
public enum Severity {
  /** Fails the check, unless the schema accepts it by name. */
  ERROR,
  /** Reported, never fails the check. */
  WARNING
}
