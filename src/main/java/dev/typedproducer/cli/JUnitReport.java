package dev.typedproducer.cli;

import dev.typedproducer.compat.CompatReport;
import dev.typedproducer.compat.Finding;
import dev.typedproducer.compat.SchemaResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The compatibility report as JUnit XML, which CI systems (GitHub Actions reporters, GitLab,
 * Jenkins) show as test results: one test case per schema, failed when the schema fails.
 */
final class JUnitReport {
  private JUnitReport() {}

  static void write(CompatReport report, Path file) throws IOException {
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeStartElement("testsuite");
      xml.writeAttribute("name", "schema-compatibility");
      xml.writeAttribute("tests", Integer.toString(report.results().size()));
      xml.writeAttribute("failures",
          Long.toString(report.results().stream().filter(r -> !r.passed()).count()));
      xml.writeAttribute("errors", "0");
      xml.writeAttribute("skipped", "0");
      for (SchemaResult r : report.results()) {
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", r.subject().isEmpty() ? r.file() : r.subject());
        xml.writeAttribute("name", r.file() + " at " + r.level());
        xml.writeAttribute("file", r.file());
        if (!r.passed()) {
          xml.writeStartElement("failure");
          xml.writeAttribute("type", r.findings().stream().filter(Finding::fails)
              .map(Finding::id).distinct().collect(Collectors.joining(",")));
          xml.writeAttribute("message", r.file() + " fails " + r.level() + " against "
              + report.baseline());
          xml.writeCharacters(describe(r));
          xml.writeEndElement();
        } else if (!r.findings().isEmpty()) {
          xml.writeStartElement("system-out");
          xml.writeCharacters(describe(r));
          xml.writeEndElement();
        }
        xml.writeEndElement();
      }
      xml.writeEndElement();
      xml.writeEndDocument();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IOException("Cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static String describe(SchemaResult r) {
    StringBuilder text = new StringBuilder();
    if (r.registry() != null) {
      text.append("registry says ").append(r.registry().compatible() ? "compatible" : "incompatible")
          .append(" at ").append(r.registry().level()).append('\n');
    }
    for (Finding f : r.findings()) {
      text.append('[').append(f.id()).append("] ").append(TextReport.kind(f))
          .append(f.location().isEmpty() ? "" : " at " + f.location())
          .append(f.against().isEmpty() ? "" : ", against " + f.against()).append('\n')
          .append("    ").append(f.problem()).append('\n')
          .append("    Fix: ").append(f.fix()).append('\n');
    }
    return text.toString();
  }
}
