package dev.typedproducer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.typedproducer.compat.CompatReport;
import dev.typedproducer.compat.Finding;
import dev.typedproducer.compat.SchemaResult;
import dev.typedproducer.compat.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The compatibility report as JSON, for tools. */
final class JsonReport {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonReport() {}

  static void write(CompatReport report, Path file) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("mode", report.mode());
    root.put("baseline", report.baseline());
    root.put("passed", report.exitCode() == 0);
    ArrayNode schemas = root.putArray("schemas");
    for (SchemaResult r : report.results()) {
      ObjectNode s = schemas.addObject();
      s.put("file", r.file());
      s.put("subject", r.subject());
      s.put("record", r.record());
      s.put("level", r.level().name());
      s.put("levelSource", r.levelSource());
      s.put("earlierVersions", r.earlierVersions());
      s.put("status", !r.passed() ? "failed" : r.isNew() ? "new" : "passed");
      if (r.registry() != null) {
        ObjectNode registry = s.putObject("registry");
        registry.put("compatible", r.registry().compatible());
        registry.put("level", r.registry().level().name());
        registry.put("counts", r.registry().counts());
        registry.putPOJO("messages", r.registry().messages());
      }
      ArrayNode findings = s.putArray("findings");
      for (Finding f : r.findings()) {
        findings.addObject()
            .put("id", f.id())
            .put("severity", f.severity().name())
            .put("accepted", f.accepted())
            .put("fails", f.fails())
            .put("location", f.location())
            .put("against", f.against())
            .put("problem", f.problem())
            .put("fix", f.fix());
      }
    }
    ObjectNode summary = root.putObject("summary");
    summary.put("schemas", report.results().size());
    summary.put("failed", report.results().stream().filter(r -> !r.passed()).count());
    summary.put("errors", report.count(Finding::fails));
    summary.put("warnings", report.count(f -> f.severity() == Severity.WARNING));
    summary.put("accepted", report.count(Finding::accepted));
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    JSON.writeValue(file.toFile(), root);
  }
}
