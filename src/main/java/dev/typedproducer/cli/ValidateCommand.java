package dev.typedproducer.cli;

import dev.typedproducer.Diagnostic;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code validate}: every offline rule, on every schema in a folder. */
final class ValidateCommand {
  private ValidateCommand() {}

  static int run(List<String> rest, PrintStream out) throws IOException {
    Args args = Args.parse(rest, Set.of("schemas"), Set.of());
    Path schemas = Path.of(args.get("schemas", "schemas"));
    SchemaCheck.Validation validation = SchemaCheck.validate(schemas);
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
}
