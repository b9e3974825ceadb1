package dev.typedproducer.compat;

import dev.typedproducer.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Checks one schema against its earlier versions: the offline rules first, then Avro's resolution
 * rules at the level, then the changes Avro accepts but that change what consumers read. Where
 * the earlier versions come from (git, a registry) is the caller's business, so both modes give
 * the same verdicts on the same history.
 */
public final class CompatibilityChecker {
  public static final String REGISTRY_REFUSED = "RegistryRefused";
  public static final String LEVEL_MISMATCH = "CompatibilityLevelMismatch";

  private CompatibilityChecker() {}

  /**
   * The result for {@code schema}, from {@code file}, against {@code history} (oldest first),
   * with the registry's own verdict when there is one.
   */
  public static SchemaResult check(String file, String subject, Schema schema,
      CompatibilityLevel level, String levelSource, List<SchemaVersion> history,
      RegistryVerdict registry) {
    List<Finding> findings = new ArrayList<>();
    List<Diagnostic> invalid = SchemaValidator.validate(schema, file);
    if (!invalid.isEmpty()) {
      invalid.forEach(d -> findings.add(fromDiagnostic(d)));
      return new SchemaResult(file, subject, schema.getFullName(), level, levelSource,
          history.size(), findings, null);
    }
    List<Finding> avro = AvroRules.check(schema, history, level);
    if (registry != null && registry.counts() && registry.compatible()) {
      // The registry's verdict is the one that counts at registration: where Avro's own check
      // here is stricter, say so without failing.
      avro.forEach(f -> findings.add(new Finding(f.id(), Severity.WARNING, false, f.location(),
          f.problem() + " The registry accepts this change.", f.fix(), f.against())));
    } else {
      findings.addAll(avro);
    }
    if (registry != null && registry.counts() && !registry.compatible()) {
      findings.add(new Finding(REGISTRY_REFUSED, Severity.ERROR, false, "",
          "the registry refuses the schema at " + registry.level() + ": "
              + (registry.messages().isEmpty() ? "(it gave no reason)"
                  : String.join("; ", registry.messages())),
          "make the change compatible at " + registry.level() + " (see the findings above)",
          "the registry's versions"));
    }
    if (registry != null && !registry.counts()) {
      findings.add(new Finding(LEVEL_MISMATCH, Severity.WARNING, false, "",
          "the schema declares " + level + " but the registry checks the subject at "
              + registry.level() + ", where it says " + (registry.compatible() ? "compatible"
              : "incompatible") + "; this check used " + level,
          "register with the register command, which sets the subject's level from the schema"
              + " first", "the registry's subject config"));
    }
    List<SchemaVersion> compared = AvroRules.compared(history, level);
    if (compared.isEmpty() && !history.isEmpty()) {
      compared = List.of(history.get(history.size() - 1)); // NONE still checks meaning
    }
    for (SchemaVersion version : compared) {
      findings.addAll(SemanticRules.check(schema, version));
      findings.addAll(RuleChanges.check(schema, version, level));
    }
    return new SchemaResult(file, subject, schema.getFullName(), level, levelSource,
        history.size(), findings, registry);
  }

  static Finding fromDiagnostic(Diagnostic d) {
    return new Finding(d.id(), Severity.ERROR, false, d.field() == null ? "" : "field " + d.field(),
        d.problem(), d.fix(), "");
  }
}
