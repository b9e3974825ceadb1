package dev.typedproducer.cli;

import dev.typedproducer.SubjectNameStrategy;
import dev.typedproducer.compat.CheckCannotRunException;
import dev.typedproducer.compat.CompatReport;
import dev.typedproducer.compat.CompatibilityLevel;
import dev.typedproducer.compat.CompatibilityRun;
import dev.typedproducer.internal.registry.SchemaRegistryClient;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code compat}: every schema against its earlier versions, in git or in a registry. */
final class CompatCommand {
  private static final Set<String> OPTIONS = RegisterCommand.union(Set.of("schemas", "against",
      "level", "subject-strategy", "allow-deleted", "report-json", "report-junit",
      "if-no-baseline"), RegistryArgs.OPTIONS);

  private CompatCommand() {}

  static int run(List<String> rest, PrintStream out) throws IOException, CheckCannotRunException {
    Args args = Args.parse(rest, OPTIONS, Set.of());
    Path schemas = Path.of(args.get("schemas", "schemas"));
    String against = args.get("against", null);
    String registryUrl = args.get("registry-url", null);
    if ((against == null) == (registryUrl == null)) {
      throw new Args.UsageException("give exactly one of --against GIT_REF (git mode) and"
          + " --registry-url URL (registry mode)");
    }
    SchemaRegistryClient registry = null;
    if (registryUrl != null) {
      registry = RegistryArgs.client(args, registryUrl);
    }
    CompatibilityLevel level;
    try {
      level = CompatibilityLevel.parse(args.get("level", "BACKWARD"));
    } catch (IllegalArgumentException e) {
      throw new Args.UsageException("--level: " + e.getMessage());
    }
    CompatibilityRun.Options options = new CompatibilityRun.Options(schemas, Paths::display,
        against, registry, strategy(args.get("subject-strategy", "topic-name")), level,
        new HashSet<>(args.list("allow-deleted")));

    CompatReport report;
    try {
      report = CompatibilityRun.run(options);
    } catch (CheckCannotRunException e) {
      if ("skip".equals(args.get("if-no-baseline", "fail")) && against != null) {
        out.println("Schema compatibility not checked: " + e.getMessage());
        return Main.EXIT_OK;
      }
      throw e;
    }
    TextReport.print(report, out);
    String json = args.get("report-json", null);
    if (json != null) {
      JsonReport.write(report, Path.of(json));
    }
    String junit = args.get("report-junit", null);
    if (junit != null) {
      JUnitReport.write(report, Path.of(junit));
    }
    return report.exitCode();
  }

  static SubjectNameStrategy strategy(String name) {
    return switch (name.toLowerCase(Locale.ROOT).replace('_', '-')) {
      case "topic-name", "topic" -> SubjectNameStrategy.TOPIC_NAME;
      case "record-name", "record" -> SubjectNameStrategy.RECORD_NAME;
      case "topic-record-name", "topic-record" -> SubjectNameStrategy.TOPIC_RECORD_NAME;
      default -> throw new Args.UsageException("--subject-strategy must be topic-name,"
          + " record-name or topic-record-name, not \"" + name + "\"");
    };
  }
}
