package dev.typedproducer.cli;

import dev.typedproducer.compat.CompatReport;
import dev.typedproducer.compat.Finding;
import dev.typedproducer.compat.RegistryVerdict;
import dev.typedproducer.compat.SchemaResult;
import dev.typedproducer.compat.Severity;
import java.io.PrintStream;

/** The compatibility report as people read it in a CI log. */
final class TextReport {
  private TextReport() {}

  static void print(CompatReport report, PrintStream out) {
    out.println("Schema compatibility against " + report.baseline() + " (" + report.mode()
        + " mode)");
    out.println();
    for (SchemaResult r : report.results()) {
      String status = !r.passed() ? "FAIL" : r.isNew() ? "NEW " : "PASS";
      out.println(status + "  " + r.file() + (r.subject().isEmpty() ? "" : "  subject "
          + r.subject()) + "  level " + r.level() + " (" + r.levelSource() + ")  "
          + (r.isNew() ? "no earlier version" : r.earlierVersions() + " earlier version(s)"));
      RegistryVerdict verdict = r.registry();
      if (verdict != null) {
        out.println("      registry says: " + (verdict.compatible() ? "compatible" : "incompatible")
            + " at " + verdict.level() + (verdict.messages().isEmpty() ? ""
                : " (" + String.join("; ", verdict.messages()) + ")")
            + "; ours: " + ours(r));
      }
      for (Finding f : r.findings()) {
        out.println("      [" + f.id() + "] " + kind(f)
            + (f.location().isEmpty() ? "" : " at " + f.location())
            + (f.against().isEmpty() ? "" : ", against " + f.against()));
        out.println("          " + f.problem());
        out.println("          Fix: " + f.fix());
      }
    }
    out.println();
    long passed = report.results().stream().filter(r -> r.passed() && !r.isNew()).count();
    long fresh = report.results().stream().filter(r -> r.passed() && r.isNew()).count();
    long failed = report.results().stream().filter(r -> !r.passed()).count();
    out.println(report.results().size() + " schema(s): " + passed + " passed, " + fresh + " new, "
        + failed + " failed; " + report.count(Finding::fails) + " error(s), "
        + report.count(f -> f.severity() == Severity.WARNING) + " warning(s), "
        + report.count(Finding::accepted) + " accepted.");
  }

  private static String ours(SchemaResult r) {
    long errors = r.findings().stream().filter(Finding::fails).count();
    long warnings = r.findings().stream().filter(f -> f.severity() == Severity.WARNING).count();
    return errors == 0 && warnings == 0 ? "no findings"
        : errors + " error(s), " + warnings + " warning(s)";
  }

  static String kind(Finding f) {
    if (f.accepted()) {
      return "accepted " + f.severity().name().toLowerCase(java.util.Locale.ROOT);
    }
    return f.severity() == Severity.ERROR ? "error" : "warning";
  }
}
