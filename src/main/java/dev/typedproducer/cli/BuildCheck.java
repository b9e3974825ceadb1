package dev.typedproducer.cli;

import dev.typedproducer.Diagnostic;
import dev.typedproducer.internal.codegen.GeneratedSources;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the build runs after compiling: every schema in {@code schemas/} follows the SDK's rules,
 * and the committed {@code generated-sources/} matches what the schemas give. Locally the copy is
 * updated; in CI (the {@code CI} environment variable is set) a stale copy fails the build.
 */
final class BuildCheck {
  static final String GENERATED_SOURCES_STALE = "GeneratedSourcesStale";
  static final String UPDATE_COMMAND =
      "./mvnw process-classes -Dtypedproducer.generated=update";

  private final PrintStream out;
  private final Map<String, String> env;

  BuildCheck(PrintStream out, Map<String, String> env) {
    this.out = out;
    this.env = env;
  }

  static int run(List<String> rest, PrintStream out) throws IOException {
    Args args = Args.parse(rest, java.util.Set.of("schemas", "generated", "fresh", "mode"),
        java.util.Set.of());
    return new BuildCheck(out, System.getenv()).run(Path.of(args.required("schemas")),
        Path.of(args.required("generated")), Path.of(args.required("fresh")),
        args.get("mode", null));
  }

  int run(Path schemasDir, Path generated, Path fresh, String mode) throws IOException {
    SchemaCheck.Validation validation = SchemaCheck.validate(schemasDir);
    List<Diagnostic> problems = validation.problems();
    validation.warnings().forEach(w -> out.println("warning: " + w));
    if (!problems.isEmpty()) {
      problems.forEach(out::println);
      out.println(problems.size() + " problem(s) in " + Paths.folder(schemasDir)
          + ". Fix them and build again.");
      return Main.EXIT_FAILED;
    }

    GeneratedSources.Drift drift = GeneratedSources.compare(fresh, generated);
    String where = Paths.folder(generated);
    if (drift.isEmpty()) {
      out.println(validation.schemas() + " schema(s) in " + Paths.folder(schemasDir)
          + " follow the rules; " + where + " is up to date.");
      return Main.EXIT_OK;
    }
    if (verify(mode)) {
      out.println("[" + GENERATED_SOURCES_STALE + "] " + where + " does not match what "
          + Paths.folder(schemasDir) + " generates:");
      drift.lines().forEach(out::println);
      out.println("    Fix: run " + UPDATE_COMMAND + " and commit " + where + ". Generated"
          + " classes are never edited by hand: change the schema instead.");
      return Main.EXIT_FAILED;
    }
    GeneratedSources.update(fresh, generated, drift);
    out.println("Updated " + where + " from " + Paths.folder(schemasDir) + ":");
    drift.lines().forEach(out::println);
    out.println("Commit " + where + " with the schema change.");
    return Main.EXIT_OK;
  }

  private boolean verify(String mode) {
    String chosen = mode == null || mode.isBlank()
        ? (isCi() ? "verify" : "update")
        : mode.trim().toLowerCase(Locale.ROOT);
    return switch (chosen) {
      case "verify" -> true;
      case "update" -> false;
      default -> throw new Args.UsageException(
          "--mode must be update or verify, not \"" + mode + "\"");
    };
  }

  private boolean isCi() {
    String ci = env.get("CI");
    return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
  }
}
