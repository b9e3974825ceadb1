package dev.typedproducer.cli;

import dev.typedproducer.Diagnostic;
import dev.typedproducer.compat.SchemaValidator;
import dev.typedproducer.internal.schema.SchemaFile;
import dev.typedproducer.internal.schema.SchemaFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code validate}: every offline rule, on every schema in a folder. */
final class ValidateCommand {
  private ValidateCommand() {}

  static int run(List<String> rest, PrintStream out) throws IOException {
    Args args = Args.parse(rest, Set.of("schemas"), Set.of());
    Path schemas = Path.of(args.get("schemas", "schemas"));
    Validation validation = validate(schemas);
    List<Diagnostic> problems = validation.problems();
    problems.forEach(out::println);
    validation.warnings().forEach(w -> out.println("warning: " + w));
    String warned = validation.warnings().isEmpty() ? ""
        : " (" + validation.warnings().size() + " warning(s))";
    out.println(problems.isEmpty()
        ? "Every schema in " + Paths.folder(schemas) + " is valid" + warned + "."
        : problems.size() + " problem(s) in " + Paths.folder(schemas) + warned + ".");
    return problems.isEmpty() ? Main.EXIT_OK : Main.EXIT_FAILED;
  }

  /**
   * How many schemas a folder holds, every problem in them (unreadable files included), and
   * warnings that do not fail the check.
   */
  record Validation(int schemas, List<Diagnostic> problems, List<Diagnostic> warnings) {}

  static Validation validate(Path schemas) throws IOException {
    SchemaFiles.Result result = SchemaFiles.read(schemas, Paths::display);
    List<Diagnostic> problems = new ArrayList<>(result.problems());
    for (SchemaFile file : result.schemas()) {
      problems.addAll(file.shared() ? SchemaValidator.validateShared(file.schema(), file.source())
          : SchemaValidator.validate(file.schema(), file.source()));
    }
    return new Validation(result.schemas().size() + result.problems().size(), problems,
        result.warnings());
  }
}
