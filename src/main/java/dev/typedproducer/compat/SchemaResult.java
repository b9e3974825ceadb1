package dev.typedproducer.compat;

import java.util.List;

/**
 * The compatibility check of one schema file.
 *
 * @param file the file, e.g. {@code schemas/user_clicks.avsc}
 * @param subject the registry subject its values go under
 * @param record the record's full name
 * @param level the level checked at
 * @param levelSource where the level came from: {@code schema}, {@code registry}, {@code default}
 * @param earlierVersions how many earlier versions there are (0: a new schema)
 * @param findings what was found, errors and warnings, accepted or not
 * @param registry the registry's own verdict in registry mode, or null
 */
public record SchemaResult(String file, String subject, String record, CompatibilityLevel level,
    String levelSource, int earlierVersions, List<Finding> findings, RegistryVerdict registry) {

  /** Whether the schema may go ahead: no finding fails it and the registry (if it counts) agrees. */
  public boolean passed() {
    return findings.stream().noneMatch(Finding::fails)
        && (registry == null || !registry.counts() || registry.compatible());
  }

  /** This result with one more finding. */
  public SchemaResult withFinding(Finding finding) {
    List<Finding> all = new java.util.ArrayList<>(findings);
    all.add(finding);
    return new SchemaResult(file, subject, record, level, levelSource, earlierVersions, all,
        registry);
  }

  /** Whether there was no earlier version to compare with. */
  public boolean isNew() {
    return earlierVersions == 0;
  }
}
