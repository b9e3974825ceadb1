package dev.typedproducer.compat;

import java.util.List;

/**
 * The compatibility check of every schema in a folder.
 *
 * @param mode {@code git} or {@code registry}
 * @param baseline what the schemas were compared with, e.g. {@code origin/main (1a2b3c4)}
 * @param results one per schema file (and one per schema file the baseline has that is gone)
 */
public record CompatReport(String mode, String baseline, List<SchemaResult> results) {
  /** 0 when every schema passed, 1 when one failed. */
  public int exitCode() {
    return results.stream().allMatch(SchemaResult::passed) ? 0 : 1;
  }

  /** How many findings there are of each kind: failing errors, warnings, accepted ones. */
  public long count(java.util.function.Predicate<Finding> kind) {
    return results.stream().flatMap(r -> r.findings().stream()).filter(kind).count();
  }
}
